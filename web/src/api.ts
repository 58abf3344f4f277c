// The HTTP client: JSON in and out, the session's CSRF token on every write, the UI language in
// Accept-Language (the server words its errors in it), and errors as ApiError with the server's code.
import { locale } from './i18n.js';
import { serverReached, serverUnreachable, unauthenticated } from './connection.js';
import type { ErrorBody } from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string) {
  csrfToken = token;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the API; resolves with the parsed body (and the response for headers), rejects with ApiError. */
export async function call<T>(path: string, opts: RequestOptions = {}): Promise<{ body: T; response: Response }> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale(), ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData || opts.body instanceof Blob || typeof opts.body === 'string') body = opts.body as BodyInit;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    // Never the browser's own words ("Failed to fetch"): the banner and a message in the UI's language (issue 12).
    throw new ApiError(0, 'NETWORK', serverUnreachable());
  }
  serverReached();
  if (response.status === 401) unauthenticated(path);
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const e = (parsed ?? {}) as Partial<ErrorBody>;
    throw new ApiError(response.status, e.code ?? `HTTP_${response.status}`, e.message ?? response.statusText, e.details);
  }
  return { body: parsed as T, response };
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await call<T>(path, { signal })).body;
}

/** Every page of a list: follows the server's Link rel="next" (lists come 1000 rows a page) to the end. */
export async function getAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const rows: T[] = [];
  for (let next: string | undefined = path; next; ) {
    const { body, response }: { body: T[]; response: Response } = await call<T[]>(next, { signal });
    rows.push(...body);
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  }
  return rows;
}

export async function post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  return (await call<T>(path, { method: 'POST', body: body ?? {}, headers })).body;
}

export async function patch<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
  return (await call<T>(path, { method: 'PATCH', body, headers })).body;
}

export async function put<T>(path: string, body: unknown): Promise<T> {
  return (await call<T>(path, { method: 'PUT', body })).body;
}

/**
 * Loads of one view that may overlap (a period asked for while the page's first one still loads):
 * each call starts a load and gives back a test that stays true until a later load starts, so an
 * answer that arrives late is dropped instead of drawn over the newer one.
 */
export function latestLoad(): () => () => boolean {
  let started = 0;
  return () => {
    const mine = ++started;
    return () => mine === started;
  };
}

/** Builds a query string from the defined values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** A page of a list in SQL terms: at most `limit` rows (all when undefined) after `offset`. */
export interface Window {
  limit?: number | undefined;
  offset: number;
}

/** The whole list: what a caller inside the server reads when it asks for no page. */
export const WHOLE: Window = { offset: 0 };

/** The LIMIT of a window in SQL: its limit, or a bound no list reaches. */
export const limitOf = (page: Window) => page.limit ?? 1_000_000;

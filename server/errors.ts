/**
 * A failure the user can act on. Carries a stable machine-readable `code` and the parameters its
 * message needs; knows nothing of HTTP (the error handler maps codes to statuses, server/plugins/errors.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/**
 * A DomainError whose details carry words for the user (e.g. a list of rule violations): the error
 * handler calls `localize` with the negotiated locale to build them.
 */
export class LocalizedDomainError extends DomainError {
  constructor(
    code: string,
    params: Record<string, unknown>,
    readonly localize: (locale: 'zh-CN' | 'en') => unknown,
  ) {
    super(code, params);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string | number) {
    super('RESOURCE_NOT_FOUND', { entity, id });
  }
}

interface PgErrorShape {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  detail?: string;
  cause?: unknown;
}

/** The Postgres error behind a driver or drizzle wrapper (drizzle puts it on `cause`), if any. */
function pgError(err: unknown): PgErrorShape | undefined {
  for (let e = err as PgErrorShape | undefined, depth = 0; e && depth < 4; e = e.cause as PgErrorShape, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  }
  return undefined;
}

const overlapCodes: Record<string, string> = {
  stops_no_vehicle_overlap: 'STOP_OVERLAP_VEHICLE',
  stops_no_set_overlap: 'STOP_OVERLAP_SET',
  stops_no_venue_overlap: 'STOP_OVERLAP_VENUE',
  // Lending between regions (migration 0012): one asset is lent once on a day.
  loans_no_set_overlap: 'LOAN_OVERLAP',
  loans_no_vehicle_overlap: 'LOAN_OVERLAP',
};

function checkCode(constraint: string): string {
  if (constraint.endsWith('_lat_range')) return 'LATITUDE_OUT_OF_RANGE';
  if (constraint.endsWith('_lng_range')) return 'LONGITUDE_OUT_OF_RANGE';
  if (constraint === 'stops_end_after_start') return 'STOP_ENDS_BEFORE_START';
  if (constraint === 'stops_phase_order') return 'STOP_PHASES_OUT_OF_ORDER';
  if (constraint.endsWith('_end_after_start') || constraint.endsWith('_order')) return 'DATE_RANGE_REVERSED';
  return 'CONSTRAINT_VIOLATED';
}

/** What the failed statement was doing, where that changes what an error means. */
export interface DatabaseErrorContext {
  /** Deleting this row: a foreign-key error then means other rows still refer to it (IN_USE). */
  deleting?: { entity: string; id: number };
}

/**
 * Turns an integrity error raised by the database itself (exclusion, check, foreign key, unique)
 * into the DomainError a user can act on; returns undefined for anything else.
 */
export function fromDatabaseError(err: unknown, context: DatabaseErrorContext = {}): DomainError | undefined {
  const pg = pgError(err);
  if (!pg) return undefined;
  const constraint = pg.constraint_name ?? pg.constraint ?? '';
  if (pg.code === '23503' && context.deleting) return new DomainError('IN_USE', context.deleting);
  switch (pg.code) {
    case '23P01':
      return new DomainError(overlapCodes[constraint] ?? 'STOP_OVERLAP', { constraint });
    case '23514':
      return new DomainError(checkCode(constraint), { constraint });
    case '23503':
      return new DomainError('REFERENCE_NOT_FOUND', { constraint });
    case '23505':
      return new DomainError('DUPLICATE', { constraint });
    case '23502':
      return new DomainError('VALUE_REQUIRED', { constraint });
    case '22003':
      return new DomainError('NUMBER_OUT_OF_RANGE', {});
    case '22021':
    case '22P05':
      return new DomainError('INVALID_TEXT', {});
    case '22007':
    case '22008':
      return new DomainError('INVALID_DATE', {});
    // Raised by the timeline's guards (migration 0004).
    case 'RVF01':
      return new DomainError('STAY_IS_A_FACT', {});
    case 'RVP01':
      return new DomainError('STAY_CONFIRMED_NEEDS_DECISION', {});
    // Raised by the lending guards (migration 0012).
    case 'RVL01':
      return new DomainError('VEHICLE_NOT_HELD', {});
    case 'RVL02':
      return new DomainError('SET_NOT_HELD', {});
    case 'RVL03':
      return new DomainError('LOAN_STAYS_BOOKED', {});
    case 'RVL04':
      return new DomainError('LOAN_UNCHANGEABLE', {});
    case 'RVL05':
      return new DomainError('LOAN_NOT_OWNER', {});
    default:
      return undefined;
  }
}

/**
 * How sign-in attempts are held back, in memory per process. Three rules, each against one attack:
 * - per address and username (guessing one account from one place): `freeFailures` wrong passwords,
 *   then each further one makes the next attempt wait twice as long (1 s, 2 s, 4 s … up to 15 min);
 * - per address across usernames (password spraying): `addressFailures` wrong passwords within the
 *   window, then that address waits until the window ends;
 * - per username across addresses (one account guessed from many places): after `userFailures`
 *   wrong passwords within the window, attempts on that username are answered one at a time with a
 *   growing pause between them (up to `maxPauseMs`). That caps the guesses at one per pause for the
 *   whole world, and never refuses the right password: it only waits its turn.
 * Times are the app clock's milliseconds; the pause between attempts is real time (a timer).
 */
export interface ThrottleOptions {
  freeFailures: number;
  addressFailures: number;
  userFailures: number;
  windowMs: number;
  maxPauseMs: number;
}

/** A hold that started with this failure: what the audit log records. */
export interface Lockout {
  kind: 'address' | 'address_username' | 'username';
  address: string;
  username: string;
  seconds: number;
}

interface Count {
  failures: number;
  windowEnds: number;
  /** Attempts are refused until this instant (app clock, ms). */
  until: number;
}

const MAX_DELAY_MS = 15 * 60_000;
const MAX_KEYS = 50_000;
/** At most this many attempts wait in one username's line; more are refused (429) until it moves. */
const MAX_WAITING = 200;

export class LoginThrottle {
  private readonly pairs = new Map<string, Count>();
  private readonly addresses = new Map<string, Count>();
  private readonly users = new Map<string, Count>();
  private readonly lanes = new Map<string, { tail: Promise<void>; waiting: number }>();

  constructor(private readonly o: ThrottleOptions) {}

  /** Seconds the attempt must wait before it is even checked (0: go on). */
  retryAfter(address: string, username: string, now: number): number {
    const wait = Math.max(this.live(this.pairs, `${address}|${username}`, now)?.until ?? 0, this.live(this.addresses, address, now)?.until ?? 0) - now;
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  /**
   * Waits for this username's turn when it is under attack (resolves at once otherwise); call
   * `release` when the password is checked. Undefined when the line is full.
   */
  async turn(username: string, now: number): Promise<(() => void) | undefined> {
    const failures = this.live(this.users, username, now)?.failures ?? 0;
    if (failures < this.o.userFailures) return () => {};
    const pause = Math.min(this.o.maxPauseMs, 100 * 2 ** ((failures - this.o.userFailures) / 10));
    const lane = this.lanes.get(username) ?? { tail: Promise.resolve(), waiting: 0 };
    if (lane.waiting >= MAX_WAITING) return undefined;
    this.lanes.set(username, lane);
    lane.waiting++;
    const previous = lane.tail;
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    // The next attempt starts `pause` after this one is checked.
    lane.tail = done.then(() => new Promise((r) => setTimeout(r, pause)));
    await previous;
    return () => {
      lane.waiting--;
      release();
      if (lane.waiting === 0) void lane.tail.then(() => lane.waiting === 0 && this.lanes.get(username) === lane && this.lanes.delete(username));
    };
  }

  /** Counts a wrong password; returns the holds it starts (for the audit log). */
  fail(address: string, username: string, now: number): Lockout[] {
    const started: Lockout[] = [];
    const pair = this.bump(this.pairs, `${address}|${username}`, now);
    if (pair.failures >= this.o.freeFailures) {
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (pair.failures - this.o.freeFailures));
      pair.until = now + delay;
      if (pair.failures === this.o.freeFailures) started.push({ kind: 'address_username', address, username, seconds: delay / 1000 });
    }
    const addr = this.bump(this.addresses, address, now);
    if (addr.failures >= this.o.addressFailures) {
      addr.until = addr.windowEnds;
      if (addr.failures === this.o.addressFailures) started.push({ kind: 'address', address, username, seconds: Math.ceil((addr.windowEnds - now) / 1000) });
    }
    const user = this.bump(this.users, username, now);
    if (user.failures === this.o.userFailures) started.push({ kind: 'username', address, username, seconds: Math.ceil((user.windowEnds - now) / 1000) });
    return started;
  }

  /** The right password: this address and username start afresh (other addresses' counts stay). */
  succeed(address: string, username: string) {
    this.pairs.delete(`${address}|${username}`);
  }

  private live(map: Map<string, Count>, key: string, now: number): Count | undefined {
    const c = map.get(key);
    if (c && c.windowEnds <= now && c.until <= now) {
      map.delete(key);
      return undefined;
    }
    return c;
  }

  private bump(map: Map<string, Count>, key: string, now: number): Count {
    if (map.size > MAX_KEYS) for (const [k, v] of map) if (v.windowEnds <= now && v.until <= now) map.delete(k);
    const c = this.live(map, key, now);
    if (c && c.windowEnds > now) {
      c.failures++;
      return c;
    }
    const fresh = { failures: 1, windowEnds: now + this.o.windowMs, until: c?.until ?? 0 };
    map.set(key, fresh);
    return fresh;
  }
}

// The real clock for the jobs' composition roots (the BullMQ processor). The jobs code itself takes
// `now` as a parameter: the server passes its app clock (server/clock.ts, ROVE_NOW), a worker this.

/** The current instant, from the system clock. */
export const systemNow = (): Date => new Date();

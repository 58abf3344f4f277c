// Stopping criteria: an iteration budget (deterministic) and/or a wall-clock budget (for the CLI
// and benchmarks; results then depend on machine speed).

/** Milliseconds from some fixed origin. */
export type Clock = () => number;

export class Budget {
  private readonly t0: number;

  constructor(
    readonly maxIterations: number = Infinity,
    readonly timeLimitMs: number = Infinity,
    private readonly clock: Clock = () => performance.now(),
  ) {
    if (maxIterations === Infinity && timeLimitMs === Infinity) throw new RangeError('solve needs maxIterations or timeLimitMs');
    this.t0 = clock();
  }

  elapsedMs(): number {
    return this.clock() - this.t0;
  }

  /** Fraction of the budget used, in [0, 1]: drives the annealing temperature. */
  progress(iteration: number): number {
    const a = this.maxIterations === Infinity ? 0 : iteration / this.maxIterations;
    const b = this.timeLimitMs === Infinity ? 0 : this.elapsedMs() / this.timeLimitMs;
    return Math.min(1, Math.max(a, b));
  }

  done(iteration: number): boolean {
    if (iteration >= this.maxIterations) return true;
    return this.timeLimitMs !== Infinity && this.elapsedMs() >= this.timeLimitMs;
  }
}

import { parentPort, Worker } from 'node:worker_threads';

// A small pool of worker threads for CPU work a request waits for (advice): the event loop stays
// free to answer everyone else. A fixed number of threads, a bounded line of waiting tasks, and a
// time limit per task (the thread is ended and replaced when it is reached).

/** The line is full: the caller should answer "busy, try again". */
export class PoolBusyError extends Error {
  constructor() {
    super('every thread is busy and the line is full');
    this.name = 'PoolBusyError';
  }
}

/** The task ran past its time limit; its thread was ended. */
export class PoolTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`the task ran past ${ms} ms`);
    this.name = 'PoolTimeoutError';
  }
}

export interface PoolOptions {
  /** Threads (default 1). */
  size: number;
  /** Tasks allowed to wait for a thread; more are refused with PoolBusyError. */
  maxWaiting: number;
  /** Time limit of one task, ms, from the moment a thread takes it. */
  timeoutMs: number;
}

interface Task {
  input: unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  worker: Worker;
  /** The thread has loaded its module (its start-up does not count against a task's time limit). */
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

/**
 * Starts a thread on a module that posts `{ ready: true }` once loaded, then answers `{ input }`
 * messages with `{ ok, output }` or `{ ok: false, message, name }`.
 */
function startThread(source: URL): Worker {
  // Under tsx (development, tests) the thread registers the TypeScript loader before loading the
  // module: `--import tsx` in a worker's execArgv is not honoured by Node 20 (as jobs/planning/thread.ts).
  const worker = source.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`, { eval: true })
    : new Worker(source);
  worker.unref();
  return worker;
}

export class ThreadPool<In, Out> {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private closed = false;

  constructor(
    private readonly source: URL,
    private readonly o: PoolOptions,
  ) {}

  /** Runs one task on a free thread (or after the ones waiting before it). */
  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error('the pool is closed'));
    return new Promise<Out>((resolve, reject) => {
      const task: Task = { input, resolve: resolve as (v: unknown) => void, reject };
      const free = this.freeSlot();
      if (free) return this.start(free, task);
      if (this.waiting.length >= this.o.maxWaiting) return reject(new PoolBusyError());
      this.waiting.push(task);
    });
  }

  /** Tasks running and waiting (for /healthz and tests). */
  load() {
    return { running: this.slots.filter((s) => s.task).length, waiting: this.waiting.length };
  }

  async close() {
    this.closed = true;
    for (const t of this.waiting.splice(0)) t.reject(new Error('the pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private freeSlot(): Slot | undefined {
    const idle = this.slots.find((s) => !s.task);
    if (idle) return idle;
    if (this.slots.length >= this.o.size) return undefined;
    const slot = this.spawn();
    this.slots.push(slot);
    return slot;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startThread(this.source), ready: false };
    slot.worker.on('message', (m: { ready?: boolean; ok: boolean; output?: unknown; message?: string; name?: string }) => {
      if (m.ready) {
        slot.ready = true;
        if (slot.task) this.start(slot, slot.task);
        return;
      }
      const task = this.finish(slot);
      if (!task) return;
      if (m.ok) task.resolve(m.output);
      else task.reject(Object.assign(new Error(m.message), { name: m.name ?? 'Error' }));
    });
    slot.worker.on('error', (err) => this.replace(slot, err));
    slot.worker.on('exit', () => this.replace(slot, new Error('the thread stopped')));
    return slot;
  }

  private start(slot: Slot, task: Task) {
    slot.task = task;
    if (!slot.ready) return; // sent when the thread says it is ready
    slot.timer = setTimeout(() => this.replace(slot, new PoolTimeoutError(this.o.timeoutMs)), this.o.timeoutMs);
    slot.worker.postMessage({ input: task.input });
  }

  /** Detaches the slot's task, and gives the slot the next waiting one. */
  private finish(slot: Slot): Task | undefined {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    const next = this.waiting.shift();
    if (next) this.start(slot, next);
    return task;
  }

  /** A thread that failed, stopped or ran too long: its task fails, a fresh thread takes its place. */
  private replace(slot: Slot, err: unknown) {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    clearTimeout(slot.timer);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    slot.task?.reject(err);
    slot.task = undefined;
    const next = this.waiting.shift();
    if (next && !this.closed) this.start(this.freeSlot()!, next);
  }
}

/** The thread's side of the pool: answers each task with `work`'s output (or what it resolves to) or its error, then says it is ready. */
export function answerTasks<In, Out>(work: (input: In) => Out | Promise<Out>) {
  const port = parentPort!;
  port.on('message', ({ input }: { input: In }) => {
    Promise.resolve()
      .then(() => work(input))
      .then(
        (output) => port.postMessage({ ok: true, output }),
        (err: unknown) => port.postMessage({ ok: false, message: (err as Error).message, name: (err as Error).name }),
      );
  });
  port.postMessage({ ready: true });
}

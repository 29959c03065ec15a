/**
 * Admission control for heavy work (ad-hoc reports): at most `concurrency` jobs run at once, at
 * most `queueLimit` more wait their turn, in the order they were admitted; beyond that the caller
 * is told "no" at once instead of joining a queue that only grows. A place is taken synchronously
 * (`tryReserve`), so a listener can decide between "Working on it…" and "busy" before it acks, and
 * the work itself runs after the ack. Written here rather than taken from p-limit: p-limit's queue
 * has no bound and no way to hold a place before the job exists.
 */
export interface Place {
  /** Waits for a free slot (in admission order), runs `job`, frees the slot when it settles. Once. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Gives the place back unused (the ack failed): the next waiting place moves up. */
  cancel(): void;
}

export class Admission {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private idlers: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  /** Jobs holding a slot and places waiting for one. */
  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiting.length };
  }

  /** Resolves when no job runs and no place waits. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  /**
   * Runs `job` in its turn. With a bounded queue a full one rejects at once; the worker's run queue
   * uses an unbounded one (its claims already bound the work), where every job gets in.
   */
  run<T>(job: () => Promise<T>): Promise<T> {
    const place = this.tryReserve();
    if (place === null) return Promise.reject(new Error("every slot and queue place is taken"));
    return place.run(job);
  }

  /** A place in line, or null when every slot and every queue place is taken. Never waits. */
  tryReserve(): Place | null {
    let state: "waiting" | "holding" | "done" = "holding";
    let grant = () => {};
    let granted = Promise.resolve();
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length < this.queueLimit) {
      state = "waiting";
      granted = new Promise<void>((resolve) => {
        grant = () => {
          state = "holding";
          resolve();
        };
      });
      this.waiting.push(grant);
    } else return null;
    let started = false;
    const finish = () => {
      if (state === "holding") this.release();
      else if (state === "waiting") this.waiting.splice(this.waiting.indexOf(grant), 1);
      state = "done";
      if (this.running === 0 && this.waiting.length === 0) {
        for (const resolve of this.idlers.splice(0)) resolve();
      }
    };
    return {
      run: async (job) => {
        if (started || state === "done") throw new Error("an admission place runs one job only");
        started = true;
        await granted;
        try {
          return await job();
        } finally {
          finish();
        }
      },
      cancel: () => {
        if (!started) finish();
      },
    };
  }

  /** A finished job hands its slot straight to the oldest waiting place, so `running` stays put. */
  private release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.running--;
    else next();
  }
}

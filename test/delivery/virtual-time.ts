import type { ManualClock } from "../../src/util/clock.ts";

/**
 * Sleeps that park until the test lets time pass: `drive` wakes the earliest sleeper and moves the
 * clock to its wake time, until the work is done. Nothing waits in real time but loopback I/O.
 */
export class VirtualTime {
  readonly parked: Array<{ at: number; ms: number; wake: () => void }> = [];
  /** Every sleep asked for, in ms, in order. */
  readonly sleeps: number[] = [];
  constructor(readonly clock: ManualClock) {}

  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((wake) => {
      this.sleeps.push(ms);
      this.parked.push({ at: this.clock.now() + ms, ms, wake });
    });

  /**
   * Runs time forward until every promise has settled. With `eachSleeps`, every unsettled promise is
   * one line of work that sleeps on its own, and time only moves once all of them are parked, so a
   * call in flight is never stamped with a later time than its own.
   */
  async drive(work: Promise<unknown>[], opts: { eachSleeps?: boolean } = {}): Promise<void> {
    let done = false;
    let running = work.length;
    for (const w of work) {
      void w.then(
        () => (running -= 1),
        () => (running -= 1),
      );
    }
    const all = Promise.allSettled(work).then(() => {
      done = true;
    });
    const ready = () =>
      opts.eachSleeps === true ? this.parked.length >= running && running > 0 : this.parked.length > 0;
    while (!done) {
      await until(() => ready() || done);
      if (done) break;
      this.parked.sort((a, b) => a.at - b.at);
      const next = this.parked.shift();
      if (next === undefined) continue;
      if (next.at > this.clock.now()) this.clock.set(next.at);
      next.wake();
    }
    await all;
  }
}

/** Lets loopback I/O run until `cond` holds; fails after 5 s of real time (no clock involved). */
export async function until(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not reached within 5 s");
    await new Promise((r) => setTimeout(r, 2));
  }
}

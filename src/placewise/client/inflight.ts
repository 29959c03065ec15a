/**
 * Identical requests in flight share one HTTP exchange. The shared work runs under its own
 * AbortController, aborted only when every caller has given up: one caller's deadline must not
 * fail another caller who is still willing to wait.
 */
export class InFlight<T> {
  private readonly running = new Map<
    string,
    { promise: Promise<T>; controller: AbortController; waiters: number }
  >();
  coalesced = 0;

  /** `joined` is true when this caller rode on a request another caller had started. */
  async run(
    key: string,
    signal: AbortSignal,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<{ value: T; joined: boolean }> {
    let entry = this.running.get(key);
    const joined = entry !== undefined;
    if (entry) {
      this.coalesced++;
    } else {
      const controller = new AbortController();
      const promise = work(controller.signal).finally(() => {
        if (this.running.get(key) === entry) this.running.delete(key);
      });
      // A rejection nobody awaits any more (all callers left) must not crash the process.
      promise.catch(() => {});
      entry = { promise, controller, waiters: 0 };
      this.running.set(key, entry);
    }
    return { value: await this.wait(key, entry, signal), joined };
  }

  private wait(
    key: string,
    entry: { promise: Promise<T>; controller: AbortController; waiters: number },
    signal: AbortSignal,
  ): Promise<T> {
    entry.waiters++;
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return false;
        left = true;
        signal.removeEventListener("abort", onAbort);
        entry.waiters--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (entry.waiters === 0) {
          entry.controller.abort(signal.reason);
          if (this.running.get(key) === entry) this.running.delete(key);
        }
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      entry.promise.then(
        (v) => {
          if (leave()) resolve(v);
        },
        (e) => {
          if (leave()) reject(e);
        },
      );
    });
  }
}

/**
 * Runs `handle` over a work list that can grow while it runs (a cut request adds its two halves),
 * at most `concurrency` at a time. The first failure stops new work and is thrown; work already
 * running is told to stop through the signal.
 */
export async function runQueue<T>(
  initial: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  handle: (item: T, push: (next: T) => void, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const pending = [...initial];
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  let active = 0;
  let failure: { error: unknown } | null = null;
  return new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (failure) {
        if (active === 0) reject(failure.error);
        return;
      }
      if (active === 0 && pending.length === 0) return resolve();
      while (active < concurrency && pending.length > 0) {
        const item = pending.shift() as T;
        active++;
        handle(item, (next) => pending.push(next), both).then(
          () => {
            active--;
            pump();
          },
          (error: unknown) => {
            active--;
            if (!failure) {
              failure = { error };
              stop.abort(error);
            }
            pump();
          },
        );
      }
    };
    pump();
  });
}

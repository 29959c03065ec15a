/**
 * Stopping a worker: no new claims, the tick in progress finishes, running work gets `graceMs`;
 * what is still running then is aborted and its leases handed back, so another worker (or this one
 * after a restart) takes it over at once instead of after the lease.
 */
import type { WorkerContext } from "./context.ts";
import type { RunQueue } from "./run-queue.ts";
import type { Ticker } from "./tick.ts";

export async function shutdown(
  ctx: WorkerContext,
  parts: { queue: RunQueue; ticker: Ticker; stopSchedule: () => Promise<void> | void },
  graceMs: number,
): Promise<void> {
  const { queue, ticker } = parts;
  ctx.life.stopping = true;
  queue.stopBeating();
  await parts.stopSchedule();
  await ticker.settled();
  const timedOut = await Promise.race([
    queue.idle().then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
  ]);
  if (!timedOut) return;
  ctx.life.abort.abort();
  const runs = await queue.handBackAll();
  ctx.log.warn("stopped with runs unfinished; their leases were handed back", { runs });
}

/**
 * History pruning, from the tick once an hour (by the clock): finished runs, evaluations and report jobs older
 * than HISTORY_DAYS are deleted; claimed ones never. Every worker may prune: the deletes are
 * idempotent, so two workers pruning the same hour only find nothing the second time.
 */
import { pruneEvaluations } from "../../src/store/evaluations.ts";
import { pruneReportJobs } from "../../src/store/report-jobs.ts";
import { pruneRuns } from "../../src/store/runs.ts";
import type { WorkerContext } from "./context.ts";

export const PRUNE_EVERY_MS = 3_600_000;
export const DEFAULT_HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;

export class Pruner {
  /** -Infinity: the first tick after start prunes. */
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly ctx: WorkerContext) {}

  /** Prunes if an hour has passed since the last time; never throws (a failure waits an hour). */
  async maybe(now: number): Promise<{ runs: number; evaluations: number; reportJobs: number } | null> {
    if (now - this.lastAt < PRUNE_EVERY_MS) return null;
    this.lastAt = now;
    const { deps, log } = this.ctx;
    // A run inside the catch-up window must stay: backfill claims by (subscription, time), and a
    // deleted row there could be claimed and posted again. A day past the window is room to spare.
    const keepMs = Math.max(
      (deps.historyDays ?? DEFAULT_HISTORY_DAYS) * DAY_MS,
      deps.catchUpHours * 3_600_000 + DAY_MS,
    );
    const before = Math.max(0, now - keepMs);
    try {
      const runs = await pruneRuns(deps.db, before);
      const evaluations = await pruneEvaluations(deps.db, before);
      // Finished handed-off reports (store/report-jobs.ts): queued and claimed ones are never touched.
      const reportJobs = await pruneReportJobs(deps.db, before);
      deps.metrics?.pruned("runs", runs);
      deps.metrics?.pruned("evaluations", evaluations);
      deps.metrics?.pruned("report_jobs", reportJobs);
      if (runs + evaluations + reportJobs > 0)
        log.info("pruned history", { runs, evaluations, reportJobs, before: new Date(before).toISOString() });
      // OAuth mode: workspaces that removed the app 30 days ago and never came back are forgotten.
      const purged = (await deps.teams?.purgeExpired()) ?? [];
      if (purged.length > 0) log.info("purged removed workspaces", { teams: purged.length });
      return { runs, evaluations, reportJobs };
    } catch (e) {
      log.error("could not prune history", { error: e as Error });
      return null;
    }
  }
}

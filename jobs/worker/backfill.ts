/**
 * Backfill and catch-up for one due subscription: every run since its next_run_at is claimed, those
 * older than CATCH_UP_HOURS are recorded as skipped and the creator told once, and the schedule moves
 * on (graphile/worker's registerAndBackfillItems does the same for cron items).
 */
import { workspaceLanguage } from "../../src/app/language.ts";
import { messages } from "../../src/i18n/index.ts";
import { nextRuns, runsBetween } from "../../src/schedule/next.ts";
import { claimRun, recordSkipped } from "../../src/store/runs.ts";
import { type Subscription, setNextRun } from "../../src/store/subscriptions.ts";
import { runsSkippedNotice } from "../../templates/notices.ts";
import { warmDigest } from "../deliver-digest.ts";
import { tellOnce } from "../tell-once.ts";
import { LATE_AFTER_MS, type WorkerContext } from "./context.ts";
import type { RunQueue } from "./run-queue.ts";

/** At most this many scheduled times are read per subscription per tick (a minute cron over 33 h). */
const MAX_RUNS_PER_TICK = 2_000;

export async function backfill(
  ctx: WorkerContext,
  queue: RunQueue,
  sub: Subscription,
  now: number,
): Promise<{ claimed: number; skipped: number }> {
  const { deps, owner, leaseMs, life } = ctx;
  const from = (sub.nextRunAt ?? now) - 1;
  const due = runsBetween(sub, from, now, MAX_RUNS_PER_TICK);
  const windowStart = now - deps.catchUpHours * 3_600_000;
  const skippedAt: number[] = [];
  const missed = due.filter((at) => at < windowStart);
  let claimed = 0;
  let cut = false;
  for (const at of due) {
    if (life.stopping) {
      cut = true;
      break;
    }
    if (at < windowStart) {
      const reason = `missed by more than ${deps.catchUpHours} h`;
      const base = { teamId: sub.teamId, subscriptionId: sub.id, scheduledAt: at };
      if (await recordSkipped(deps.db, { ...base, reason, now })) skippedAt.push(at);
      continue;
    }
    const run = await claimRun(deps.db, {
      teamId: sub.teamId,
      subscriptionId: sub.id,
      scheduledAt: at,
      owner,
      leaseMs,
      now,
      late: now - at > LATE_AFTER_MS,
    });
    if (run !== null) {
      claimed++;
      warmDigest(deps, sub, at, life.abort.signal);
      queue.start(run);
    }
  }
  // Two workers catching up together may each record part of the skipped runs; both read the same
  // stretch, so one notice keyed by its first run tells the whole of it, once.
  if (skippedAt.length > 0)
    await tellOnce(deps, {
      teamId: sub.teamId,
      user: sub.creatorId,
      key: `skipped:${sub.id}:${missed[0]}`,
      now,
      message: runsSkippedNotice(
        {
          id: sub.id,
          timezone: sub.timezone,
          at: missed,
          catchUpHours: deps.catchUpHours,
        },
        messages(await workspaceLanguage(deps, sub.teamId)),
      ),
      about: { sub: sub.id },
    });
  // Shutdown cut the catch-up short: moving the schedule past `now` would lose the runs not yet
  // claimed; the next worker starts again from the same next_run_at.
  if (cut) return { claimed, skipped: skippedAt.length };
  // Move the schedule on only from where we found it, so two workers never skip a run.
  const next = nextRuns(sub, Math.max(now, from), 1)[0];
  if (next !== undefined)
    await setNextRun(deps.db, sub.teamId, sub.id, {
      nextRunAt: next,
      ...(sub.nextRunAt !== null ? { expected: sub.nextRunAt } : {}),
      now,
    });
  return { claimed, skipped: skippedAt.length };
}

/**
 * A cooldown between manual runs (`/offers run N`, Run now) of one subscription.
 *
 * Kept in the process, not the database, on purpose: it is a brake on repeats, not a guarantee of
 * once. Scheduled runs are claimed in the database because a missed or doubled digest is a fault;
 * here the worst an in-process memory allows is one manual run per web process per window (two web
 * processes: two runs a minute instead of one), and a restart forgets it. Both stay far from the
 * flood it exists to stop, and it needs no table, migration or write per press. Kept per database
 * handle, so two bots in one process (tests, the sandbox beside a real app) never share it.
 */
import type { AppDeps } from "../app/deps.ts";

/**
 * 60 s between manual runs of one subscription. A digest is one message every member of the channel
 * sees and costs Placewise requests from the club's rate limit that scheduled digests and alerts
 * share; a minute still lets someone re-run after a fix, but a held-down button or a loop of
 * `/offers run` posts at most once a minute.
 */
export const MANUAL_RUN_COOLDOWN_MS = 60_000;

export type Claim = { ok: true; release: () => void } | { ok: false; lastAt: number; waitMs: number };

const byDb = new WeakMap<object, Map<string, number>>();

/**
 * Claims a manual run of team/subscription #id at the clock's now, or says when the last one was and
 * how long is left. The claim is taken before the run starts, so two presses in the same second give
 * one digest; `release` gives it back when the run posted nothing (the words or the channel were wrong).
 */
export function claimManualRun(deps: Pick<AppDeps, "db" | "clock">, teamId: string, id: number): Claim {
  return claimCooldown(deps, `${teamId}:${id}`);
}

/**
 * The same brake for any other manual fetch, under its own key (the CSV button: `csv:<team>:<channel>:<ts>`,
 * one CSV per digest message a minute).
 */
export function claimCooldown(deps: Pick<AppDeps, "db" | "clock">, key: string): Claim {
  let runs = byDb.get(deps.db);
  if (runs === undefined) {
    runs = new Map();
    byDb.set(deps.db, runs);
  }
  const now = deps.clock.now();
  // Forget what is past its window, so the map holds at most the runs of the last minute.
  for (const [key, at] of runs) if (now - at >= MANUAL_RUN_COOLDOWN_MS) runs.delete(key);
  const last = runs.get(key);
  if (last !== undefined) return { ok: false, lastAt: last, waitMs: MANUAL_RUN_COOLDOWN_MS - (now - last) };
  runs.set(key, now);
  const held = runs;
  return {
    ok: true,
    release: () => {
      if (held.get(key) === now) held.delete(key);
    },
  };
}

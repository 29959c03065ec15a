/**
 * The answers of `GET /healthz` and `GET /readyz`. Health: the database answers a `select 1` within
 * a second, and the worker loop (when this process runs one) finished a tick within the last
 * 150 s. Ready: that, and the migrations were applied at start-up. Both are asked only after the
 * Slack app has started (src/web.ts), which keeps the contract's "200 once ready to take Slack
 * requests".
 */
import { sql } from "kysely";
import type { Db } from "../store/db.ts";
import type { Clock } from "../util/clock.ts";
import { redactUrlsIn } from "../util/redact.ts";
import type { ProbeResult, Probes } from "../web.ts";

/** The tick comes each minute: two missed in a row (plus a little for a slow one) is a stall. */
export const WORKER_STALL_MS = 150_000;
/** `select 1` takes a millisecond; a second means the pool is exhausted or the server is gone. */
export const DB_PROBE_TIMEOUT_MS = 1_000;

export interface ProbeDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Set when this process runs the worker loop: when its last tick finished (clock ms). */
  readonly lastTickAt?: () => number;
  readonly migrated: () => boolean;
  readonly metrics?: Probes["metrics"];
}

async function database(db: Db): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${DB_PROBE_TIMEOUT_MS} ms`), DB_PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      sql`select 1`.execute(db).then(
        () => "ok",
        (e: Error) => redactUrlsIn(e.message || String(e)),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function worker(d: ProbeDeps): string | null {
  if (d.lastTickAt === undefined) return null;
  const age = d.clock.now() - d.lastTickAt();
  return age <= WORKER_STALL_MS ? "ok" : `last tick ${Math.round(age / 1000)} s ago`;
}

function result(checks: Record<string, string | null>): ProbeResult {
  const shown = Object.fromEntries(Object.entries(checks).filter(([, v]) => v !== null)) as Record<
    string,
    string
  >;
  return { ok: Object.values(shown).every((v) => v === "ok"), checks: shown };
}

export function createProbes(d: ProbeDeps): Probes {
  return {
    health: async () => result({ database: await database(d.db), worker: worker(d) }),
    ready: async () =>
      result({
        database: await database(d.db),
        migrations: d.migrated() ? "ok" : "not applied",
        worker: worker(d),
      }),
    ...(d.metrics ? { metrics: d.metrics } : {}),
  };
}

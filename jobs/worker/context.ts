/** What every part of the worker is handed: its dependencies, who it is, and whether it is stopping. */
import type { AppDeps } from "../../src/app/deps.ts";
import type { Logger } from "../../src/util/log.ts";

export interface WorkerDeps extends AppDeps {
  readonly catchUpHours: number;
  /** HISTORY_DAYS: finished runs and evaluations older than this are pruned; default 90. */
  readonly historyDays?: number;
}

/**
 * Shutdown, shared by the parts: `stopping` stops new claims at once; `abort` stops running work
 * between steps once the grace time is over.
 */
export class Lifecycle {
  stopping = false;
  readonly abort = new AbortController();
}

export interface WorkerContext {
  readonly deps: WorkerDeps;
  readonly log: Logger;
  /** Who claims, e.g. `worker-<host>-<pid>-<random>`. */
  readonly owner: string;
  /** A claim is held this long without a heartbeat before another worker may take it over. */
  readonly leaseMs: number;
  readonly life: Lifecycle;
}

/** A run delivered more than this after its time says so in the message. */
export const LATE_AFTER_MS = 2 * 60_000;

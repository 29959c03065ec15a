/**
 * Job `report-jobs`: the worker's side of the hand-off of ad-hoc reports (store/report-jobs.ts). A
 * `web` process queues an acknowledged `/offers report` or `/offers run`; here each is claimed with
 * one conditional write, run by `handle` (src/slack/verbs/handed-off.ts, wired in src/runtime.ts:
 * jobs/ and src/slack/ are peers), and marked done or failed.
 *
 * Woken three ways: a NOTIFY (store/listen.ts, on PostgreSQL), a poll every `pollMs` for a lost
 * one, and a finished job (there may be more). A claim is held by a heartbeat; a worker that dies
 * leaves it to expire, and the next claim takes the job over with `dedupe` (the run key is looked up
 * in the channel first), so a report is never posted twice.
 */
import type { AppDeps } from "../src/app/deps.ts";
import { type Listening, listen } from "../src/store/listen.ts";
import {
  claimNextReportJob,
  countOpenReportJobs,
  failReportJob,
  finishReportJob,
  handBackReportJob,
  REPORT_JOBS_CHANNEL,
  type ReportJob,
  renewReportJob,
} from "../src/store/report-jobs.ts";
import type { Logger } from "../src/util/log.ts";

export type JobOutcome = { kind: "done"; ts: string } | { kind: "failed"; error: string } | { kind: "lost" };

export type JobHandler = (
  job: ReportJob,
  run: { dedupe: boolean; stillOurs: () => Promise<boolean> },
) => Promise<JobOutcome>;

export interface ReportJobsOptions {
  readonly owner: string;
  readonly log: Logger;
  /** A claim is held this long without a heartbeat before another worker may take the job. */
  readonly leaseMs?: number;
  /** How often to look for jobs without a notification (default 3 s). */
  readonly pollMs?: number;
  /** Jobs at once in this process (default 4, as REPORT_CONCURRENCY). */
  readonly concurrency?: number;
  /** PostgreSQL URL to LISTEN on; null polls only. */
  readonly listenUrl: string | null;
}

export interface ReportJobs {
  /** Look for jobs now (what a notification does). */
  wake(): void;
  /** Jobs claimed by this process and not finished. */
  running(): number;
  /** Open jobs (queued or claimed) in the database at the last look, for /metrics. */
  depth(): number;
  /** True while the LISTEN connection is up. */
  listening(): boolean;
  /** Resolves when every job started so far has finished. */
  idle(): Promise<void>;
  /** Stop claiming; give running jobs `graceMs`, then hand their claims back. */
  stop(graceMs?: number): Promise<void>;
}

export function startReportJobs(deps: AppDeps, handle: JobHandler, opts: ReportJobsOptions): ReportJobs {
  const { db, clock } = deps;
  const { owner, log } = opts;
  const leaseMs = opts.leaseMs ?? 2 * 60_000;
  const concurrency = opts.concurrency ?? 4;
  const running = new Map<number, ReportJob>();
  const inflight = new Set<Promise<void>>();
  let stopping = false;
  let draining: Promise<void> | null = null;
  let again = false;
  let depth = 0;

  const renew = (job: ReportJob) => renewReportJob(db, job, owner, clock.now() + leaseMs);

  const beat = setInterval(
    () => {
      for (const job of running.values()) void renew(job).catch(() => {});
    },
    Math.max(1_000, leaseMs / 3),
  );
  beat.unref();

  const runOne = async (job: ReportJob) => {
    const waitedMs = clock.now() - job.askedAt;
    log.info("report job claimed", { job: job.id, attempts: job.attempts, waitedMs });
    let outcome: JobOutcome;
    try {
      outcome = await handle(job, { dedupe: job.attempts > 1, stillOurs: () => renew(job) });
    } catch (e) {
      outcome = { kind: "failed", error: (e as Error).message };
    }
    const now = clock.now();
    if (outcome.kind === "done") await finishReportJob(db, job, owner, { now, slackTs: outcome.ts });
    else if (outcome.kind === "failed") await failReportJob(db, job, owner, { error: outcome.error, now });
    else
      log.warn("lost a report job's claim before posting; the worker that took it over posts it", {
        job: job.id,
      });
  };

  const start = (job: ReportJob) => {
    running.set(job.id, job);
    const p: Promise<void> = runOne(job)
      .catch((e) => log.error("report job could not be recorded", { job: job.id, error: e as Error }))
      .finally(() => {
        running.delete(job.id);
        inflight.delete(p);
        wake();
      });
    inflight.add(p);
  };

  const drain = async () => {
    do {
      again = false;
      while (!stopping && running.size < concurrency) {
        const job = await claimNextReportJob(db, { owner, leaseMs, now: clock.now() });
        if (job === null) break;
        start(job);
      }
    } while (again && !stopping);
  };

  function wake(): void {
    if (stopping) return;
    if (draining !== null) {
      again = true;
      return;
    }
    draining = drain()
      .catch((e) =>
        log.warn("could not look for report jobs; the next poll tries again", { error: e as Error }),
      )
      .finally(() => {
        draining = null;
      });
  }

  const poll = setInterval(() => {
    wake();
    void countOpenReportJobs(db)
      .then((n) => {
        depth = n;
      })
      .catch(() => {});
  }, opts.pollMs ?? 3_000);
  poll.unref();

  const listener: Listening | null =
    opts.listenUrl === null
      ? null
      : listen({
          url: opts.listenUrl,
          channel: REPORT_JOBS_CHANNEL,
          onWake: wake,
          warn: (m) => log.warn(m),
        });
  wake();

  const idle = async () => {
    while (inflight.size > 0 || draining !== null) await Promise.allSettled([...inflight, draining]);
  };

  return {
    wake,
    running: () => running.size,
    depth: () => depth,
    listening: () => listener?.connected() ?? false,
    idle,
    stop: async (graceMs = 6_000) => {
      stopping = true;
      clearInterval(poll);
      await listener?.close();
      await draining;
      const timedOut = await Promise.race([
        idle().then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
      ]);
      clearInterval(beat);
      if (!timedOut) return;
      const jobs = [...running.values()];
      await Promise.allSettled(jobs.map((job) => handBackReportJob(db, job, owner)));
      log.warn("stopped with report jobs unfinished; their claims were handed back", { jobs: jobs.length });
    },
  };
}

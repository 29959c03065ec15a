/**
 * Work shared inside a burst: digests due in the same minute with the same resolved query share one
 * Placewise fetch, one rendered chart and one uploaded file (per workspace), across processes. The
 * database holds the shared result for minutes (store/shared-digests.ts):
 *
 * - the first run to claim the share key (one conditional insert) fetches, renders, uploads the
 *   chart privately and stores the report, the PNG and the file id;
 * - every other run waits for the row to be done, polling with backoff, and builds its own message
 *   from it: its own channel, run key and lateness, the same numbers and the same file;
 * - a producer that dies leaves a lease; the next run to poll after it expires takes the key over.
 *   A producer that fails (Placewise down, shutdown) deletes its claim, so the next run tries at once.
 *
 * Within one process the runs of one key wait on one promise, so the database is asked once per key
 * and process, not once per run. `warm` starts a key as soon as its run is claimed, so fetching,
 * drawing and the uploads (Tier 4, about 1.5 s apart) run ahead of the run pool.
 */
import { createHash } from "node:crypto";
import type { ChartFile } from "../delivery/types.ts";
import type { Lang } from "../i18n/index.ts";
import type { Query } from "../placewise/query.ts";
import type { DigestCsv } from "../report/csv.ts";
import type { Report } from "../report/index.ts";
import type { Db } from "../store/db.ts";
import {
  claimShare,
  finishShare,
  pruneShares,
  readShare,
  releaseShare,
  renewShare,
  type SharedDigestRow,
} from "../store/shared-digests.ts";
import { Admission } from "../util/admission.ts";
import type { Clock } from "../util/clock.ts";
import {
  chartFile,
  type DigestDeps,
  type DigestParts,
  type DigestRunOptions,
  digestLanguage,
  fetchAndDraw,
  type PreparedDigest,
  preparedDigest,
  resolveDigestQuery,
} from "./digest.ts";

export interface SharingOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** Who claims, like a worker's owner; unique per process. */
  readonly owner: string;
  /** How a waiting run waits between polls (real time in production, moved time in tests). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Uploads a chart privately (Delivery.upload): the file every message of the key references. */
  readonly upload: (chart: ChartFile) => Promise<string>;
  /** A producer silent this long is taken as dead; it beats every third of it. Default 20 s. */
  readonly leaseMs?: number;
  /**
   * A run waits this long for a live producer before it makes its own digest, unshared. Uploads are
   * 1.5 s apart at Tier 4, so 60 keys in one burst wait up to 90 s; default 3 min.
   */
  readonly maxWaitMs?: number;
  /** Fetch + render at once in this process (the CPU part); uploads wait on Slack's gate outside it. Default 4. */
  readonly producers?: number;
  /** Results are kept (in the database and in memory) this long. Default 10 min. */
  readonly keepMs?: number;
  /** Told when this process produced a key, or used one another run produced. */
  readonly onShare?: (role: "produced" | "shared") => void;
}

/** A digest made for one run, and the file its message references when the chart was uploaded once for all. */
export interface SharedPrepared {
  readonly prepared: PreparedDigest;
  readonly uploadedFileId: string | null;
}

/** What every run of one key shares. */
interface Shared extends DigestParts {
  readonly fileId: string | null;
}

const POLL_FIRST_MS = 100;
const POLL_MAX_MS = 500;
const PRUNE_EVERY = 50;

/** Object keys sorted, so two equal queries give the same text whatever order their parser built them in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * Two runs share when everything their digest is made of is the same: the team (its Placewise access
 * and its Slack files), the resolved query (range, interval, filters, grouping, club), the zone, the
 * time the report is for and the data lag. The message's own parts (channel, run key, late) are not in it.
 */
export function shareKey(p: {
  teamId: string;
  query: Query;
  lang: Lang;
  at: number;
  timezone: string;
  dataLagMinutes: number;
}): string {
  const text = JSON.stringify([p.teamId, p.at, p.timezone, p.lang, p.dataLagMinutes, canonical(p.query)]);
  return createHash("sha256").update(text).digest("hex");
}

export class DigestSharing {
  private readonly memo = new Map<string, { result: Promise<Shared>; at: number }>();
  private readonly producers: Admission;
  private readonly leaseMs: number;
  private readonly maxWaitMs: number;
  private readonly keepMs: number;
  private claims = 0;

  constructor(private readonly o: SharingOptions) {
    this.producers = new Admission(o.producers ?? 4, Number.POSITIVE_INFINITY);
    this.leaseMs = o.leaseMs ?? 20_000;
    this.maxWaitMs = o.maxWaitMs ?? 180_000;
    this.keepMs = o.keepMs ?? 600_000;
  }

  /**
   * The digest of one run, made once per key across processes. Identical to `prepareDigest` for the
   * same words and time, except that the chart may already be uploaded (`uploadedFileId`).
   */
  async prepare(
    teamId: string,
    words: string | readonly string[],
    at: number,
    deps: DigestDeps,
    opts: DigestRunOptions = {},
  ): Promise<SharedPrepared> {
    const query = resolveDigestQuery(words, at, deps.defaultTimezone);
    const shared = await this.get(teamId, query, digestLanguage(words, deps), at, deps, opts.signal);
    const source = { words, at, timezone: deps.defaultTimezone };
    return { prepared: preparedDigest(query, shared, opts, source), uploadedFileId: shared.fileId };
  }

  /** Starts making a run's digest now (as its run is claimed); errors wait for the run to ask. */
  warm(teamId: string, words: string, at: number, deps: DigestDeps, signal?: AbortSignal): void {
    try {
      const query = resolveDigestQuery(words, at, deps.defaultTimezone);
      void this.get(teamId, query, digestLanguage(words, deps), at, deps, signal).catch(() => {});
    } catch {
      // Words that do not parse fail in the run itself, with the run's own error handling.
    }
  }

  private get(teamId: string, query: Query, lang: Lang, at: number, deps: DigestDeps, signal?: AbortSignal) {
    const now = this.o.clock.now();
    for (const [k, v] of this.memo) if (now - v.at > this.keepMs) this.memo.delete(k);
    const key = shareKey({
      teamId,
      query,
      lang,
      at,
      timezone: deps.defaultTimezone,
      dataLagMinutes: deps.dataLagMinutes ?? 15,
    });
    const known = this.memo.get(key);
    if (known !== undefined) return known.result;
    const result = this.acquire(teamId, key, query, lang, at, deps, signal);
    this.memo.set(key, { result, at: now });
    // A failure is not remembered: the run's retry asks again and may claim the key itself.
    result.catch(() => {
      if (this.memo.get(key)?.result === result) this.memo.delete(key);
    });
    return result;
  }

  private async acquire(
    teamId: string,
    key: string,
    query: Query,
    lang: Lang,
    at: number,
    deps: DigestDeps,
    signal?: AbortSignal,
  ): Promise<Shared> {
    const { db, clock, owner } = this.o;
    const lease = { teamId, key, owner };
    const started = clock.now();
    let pause = POLL_FIRST_MS;
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now();
      if (++this.claims % PRUNE_EVERY === 0) await pruneShares(db, Math.max(0, now - this.keepMs));
      const won = await claimShare(db, { ...lease, leaseMs: this.leaseMs, now });
      if (won !== undefined) return this.produce(lease, query, lang, at, deps, signal);
      const row = await readShare(db, teamId, key);
      if (row?.state === "done") {
        this.o.onShare?.("shared");
        return fromRow(row);
      }
      // Still being made by a live producer (or just released: the next claim takes it).
      if (now - started > this.maxWaitMs) {
        // The producer is alive but stuck past any reasonable burst: make this digest alone.
        return {
          ...(await this.producers.run(() => fetchAndDraw(query, lang, at, deps, sigOpt(signal)))),
          fileId: null,
        };
      }
      await this.o.sleep(pause);
      pause = Math.min(POLL_MAX_MS, Math.round(pause * 1.5));
    }
  }

  private async produce(
    lease: { teamId: string; key: string; owner: string },
    query: Query,
    lang: Lang,
    at: number,
    deps: DigestDeps,
    signal?: AbortSignal,
  ): Promise<Shared> {
    const { db, clock } = this.o;
    // Keep the claim while fetching, drawing and waiting for an upload slot; beats never keep the process up.
    const beat = setInterval(
      () => void renewShare(db, lease, clock.now() + this.leaseMs).catch(() => {}),
      Math.max(1_000, this.leaseMs / 3),
    );
    beat.unref();
    try {
      const parts = await this.producers.run(() => fetchAndDraw(query, lang, at, deps, sigOpt(signal)));
      // An upload that fails leaves fileId null: each run then uploads the chart with its own post.
      // The workspace's own delivery when the run gives one (OAuth mode: each team its own token).
      const upload = deps.upload ?? this.o.upload;
      const fileId = parts.chart === null ? null : await upload(parts.chart).catch(() => null);
      const shared: Shared = { ...parts, fileId };
      // Lost (taken over after a long stall, or pruned): this run still has a whole digest.
      await finishShare(db, lease, {
        report: JSON.stringify(parts.report),
        csv: JSON.stringify(parts.csv()),
        png: parts.chart?.png ?? null,
        fileId,
        chartError: parts.chartError,
        now: clock.now(),
      }).catch(() => false);
      this.o.onShare?.("produced");
      return shared;
    } catch (e) {
      await releaseShare(db, lease).catch(() => false);
      throw e;
    } finally {
      clearInterval(beat);
    }
  }
}

function sigOpt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}

function fromRow(row: SharedDigestRow): Shared {
  const report = JSON.parse(row.report ?? "null") as Report;
  const png = row.png === null ? null : Buffer.from(row.png);
  const csv = JSON.parse(row.csv ?? "null") as DigestCsv | null;
  return {
    report,
    // A row always holds its CSV (finishShare writes it with the report).
    csv: () => {
      if (csv === null) throw new Error("the shared digest has no CSV");
      return csv;
    },
    chart: png === null ? null : chartFile(report, png),
    chartError: row.chart_error,
    fileId: row.file_id,
  };
}

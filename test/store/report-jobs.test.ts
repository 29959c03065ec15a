/**
 * The report job queue (store/report-jobs.ts) on both databases: a job is claimed by one claimer
 * only, however many ask at once; a claimed job is retaken only once its lease has run out; finished
 * jobs are never claimed again and are pruned after their time, queued and claimed ones never.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.ts";
import {
  claimNextReportJob,
  countOpenReportJobs,
  enqueueReportJob,
  failReportJob,
  finishReportJob,
  getReportJob,
  type NewReportJob,
  pruneReportJobs,
  renewReportJob,
} from "../../src/store/report-jobs.ts";
import { NOW, targets, useStore } from "./databases.ts";

let n = 0;
function job(over: Partial<NewReportJob> = {}): NewReportJob {
  n += 1;
  return {
    teamId: "T0JOBS",
    channelId: "C0OFFERS",
    userId: "U0CAROL",
    words: ["last", "24h"],
    runKey: `report:C0OFFERS:U0CAROL:${n}`,
    askedAt: NOW,
    responseUrl: "http://127.0.0.1:1/response",
    doneReply: null,
    ...over,
  };
}

/** Takes every job left, so each test starts from an empty queue. */
async function drainAll(db: Db): Promise<void> {
  await sql`delete from report_jobs`.execute(db);
}

describe.each(targets)("report jobs on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("keeps what web wrote: caller, words, time asked, response_url and the answer for after", async () => {
      await drainAll(db());
      const done = { text: "Subscription #4 ran now; the digest is in this channel." };
      const id = await enqueueReportJob(db(), job({ words: "last 7d interval=1d", doneReply: done }), NOW);
      const claimed = await claimNextReportJob(db(), { owner: "w1", leaseMs: 60_000, now: NOW });
      expect(claimed).toMatchObject({
        id,
        teamId: "T0JOBS",
        channelId: "C0OFFERS",
        userId: "U0CAROL",
        words: "last 7d interval=1d",
        askedAt: NOW,
        responseUrl: "http://127.0.0.1:1/response",
        doneReply: done,
        state: "claimed",
        attempts: 1,
        leaseOwner: "w1",
      });
    });

    it("of many claimers at once, each job goes to exactly one", async () => {
      await drainAll(db());
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push(await enqueueReportJob(db(), job(), NOW));
      const other = await store.another();
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          claimNextReportJob(i % 2 === 0 ? db() : other.db, { owner: `w${i}`, leaseMs: 60_000, now: NOW }),
        ),
      );
      const won = claims.filter((c) => c !== null).map((c) => c?.id);
      expect(won.sort()).toEqual([...ids].sort());
      expect(await countOpenReportJobs(db())).toBe(6);
    });

    it("a claimed job is retaken only after its lease, and the old owner can no longer finish it", async () => {
      await drainAll(db());
      const id = await enqueueReportJob(db(), job(), NOW);
      const first = await claimNextReportJob(db(), { owner: "dead", leaseMs: 10_000, now: NOW });
      expect(first?.id).toBe(id);
      expect(await claimNextReportJob(db(), { owner: "next", leaseMs: 10_000, now: NOW + 9_999 })).toBeNull();
      const again = await claimNextReportJob(db(), { owner: "next", leaseMs: 10_000, now: NOW + 10_001 });
      expect(again).toMatchObject({ id, attempts: 2, leaseOwner: "next" });
      const stale = first as NonNullable<typeof first>;
      expect(await renewReportJob(db(), stale, "dead", NOW + 20_000)).toBe(false);
      expect(await finishReportJob(db(), stale, "dead", { now: NOW, slackTs: "1.1" })).toBe(false);
      expect(
        await finishReportJob(db(), again as NonNullable<typeof again>, "next", { now: NOW, slackTs: "1.2" }),
      ).toBe(true);
      expect(await getReportJob(db(), id)).toMatchObject({ state: "done" });
      // Done is done: a later claimer finds nothing.
      expect(await claimNextReportJob(db(), { owner: "late", leaseMs: 10_000, now: NOW + 1e9 })).toBeNull();
    });

    it("prunes finished jobs older than the cut, never queued or claimed ones", async () => {
      await drainAll(db());
      const done = await enqueueReportJob(db(), job(), NOW);
      const failed = await enqueueReportJob(db(), job(), NOW);
      const claimed = await enqueueReportJob(db(), job(), NOW);
      const queued = await enqueueReportJob(db(), job(), NOW);
      const a = await claimNextReportJob(db(), { owner: "w", leaseMs: 1, now: NOW });
      const b = await claimNextReportJob(db(), { owner: "w", leaseMs: 1, now: NOW });
      await claimNextReportJob(db(), { owner: "w", leaseMs: 60_000, now: NOW });
      await finishReportJob(db(), a as NonNullable<typeof a>, "w", { now: NOW, slackTs: "1.1" });
      await failReportJob(db(), b as NonNullable<typeof b>, "w", { now: NOW, error: "no" });
      expect(await pruneReportJobs(db(), NOW)).toBe(0);
      expect(await pruneReportJobs(db(), NOW + 1)).toBe(2);
      expect(await getReportJob(db(), done)).toBeNull();
      expect(await getReportJob(db(), failed)).toBeNull();
      expect(await getReportJob(db(), claimed)).toMatchObject({ state: "claimed" });
      expect(await getReportJob(db(), queued)).toMatchObject({ state: "queued" });
    });
  });
});

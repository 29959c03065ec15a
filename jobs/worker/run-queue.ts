/**
 * The runs this worker has claimed, queued through a bounded pool and held by one heartbeat.
 *
 * Runs of one subscription go out one after another in scheduled order: 5 backfilled runs sent
 * through a pool of 4 arrived as 09:30, 10:00, 09:00 in the channel. Serial runs also see a pause
 * made by the run before them, so a removed bot yields one failure and one DM, not 4.
 */
import { type DeliveryRun, releaseRun } from "../../src/store/runs.ts";
import { Admission } from "../../src/util/admission.ts";
import { type DigestOutcome, deliverDigest } from "../deliver-digest.ts";
import { startHeartbeat } from "../heartbeat.ts";
import type { WorkerContext } from "./context.ts";

export class RunQueue {
  private readonly running = new Map<number, DeliveryRun>();
  /** The last queued run of each subscription: its next run waits for it. */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly pool: Admission;
  private readonly stopHeartbeat: () => void;
  /** Runs delivered since start; runDueNow reports the difference. */
  delivered = 0;

  constructor(
    private readonly ctx: WorkerContext,
    concurrency: number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.pool = new Admission(concurrency, Number.POSITIVE_INFINITY);
    // Queued runs hold their claims too: 12 backfilled runs of one subscription at ~10 s each wait
    // longer than a 2 min lease, and another worker would take the last ones over and post them twice.
    this.stopHeartbeat = startHeartbeat(ctx.deps, ctx, () => this.running.values());
  }

  /** Our own run, queued or in flight: claiming it again would deliver it twice in this process. */
  has(runId: number): boolean {
    return this.running.has(runId);
  }

  get size(): number {
    return this.running.size;
  }

  start(run: DeliveryRun): void {
    this.running.set(run.id, run);
    const key = `${run.teamId}:${run.subscriptionId}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const done: Promise<void> = previous
      .then(() => this.pool.run(() => this.deliver(run)))
      .then((outcome) => {
        if (outcome.kind === "delivered") this.delivered++;
      })
      .catch((e) => this.ctx.log.error("run crashed", { run: run.id, error: e as Error }))
      .finally(() => {
        this.running.delete(run.id);
        this.inflight.delete(done);
        if (this.tails.get(key) === done) this.tails.delete(key);
      });
    this.tails.set(key, done);
    this.inflight.add(done);
  }

  /** Adds other work (the alert pass) that idle() waits for like a run. */
  track(work: Promise<void>): void {
    this.inflight.add(work);
    void work.catch(() => {}).finally(() => this.inflight.delete(work));
  }

  /** Resolves when every run (and tracked work) started so far has finished. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Stops the heartbeat and hands every held lease back, so the next worker takes them at once. */
  async handBackAll(): Promise<number> {
    const { deps, owner } = this.ctx;
    const runs = [...this.running.values()];
    await Promise.allSettled(runs.map((run) => releaseRun(deps.db, run.teamId, run.id, owner)));
    return runs.length;
  }

  stopBeating(): void {
    this.stopHeartbeat();
  }

  private async deliver(run: DeliveryRun): Promise<DigestOutcome> {
    const { deps, owner, leaseMs, life } = this.ctx;
    // Claimed but not begun when shutdown came: hand it back now instead of starting a post.
    if (life.stopping) {
      await releaseRun(deps.db, run.teamId, run.id, owner);
      return { kind: "released" };
    }
    return deliverDigest(deps, run, { owner, leaseMs, sleep: this.sleep, signal: life.abort.signal });
  }
}

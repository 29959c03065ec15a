/**
 * The worker across real processes: two workers on one database claiming the same minutes, and a
 * worker killed with SIGKILL mid-run (before posting, and after posting but before recording).
 * Each test gets a fresh database: the worker serves every team, so leftovers would be picked up.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorMessage, SlackEmulator } from "../../src/local/slack-emulator/index.ts";
import { nextRuns } from "../../src/schedule/next.ts";
import { type Database, migrateToLatest, openDatabase } from "../../src/store/db.ts";
import { listRuns } from "../../src/store/runs.ts";
import { createSubscription, type Subscription } from "../../src/store/subscriptions.ts";
import { startSlackFake } from "../fakes/slack.ts";
import { targets } from "../store/databases.ts";
import { hasPostgres } from "../support/requirements.ts";
import { startChild, type WorkerChild } from "./children.ts";
import { BOT, CHANNEL, CREATOR, runKeyIn, TEAM } from "./harness.ts";

const MINUTE = 60_000;

interface World {
  readonly url: string;
  readonly database: Database;
  readonly emulator: SlackEmulator;
  readonly children: WorkerChild[];
  spawn(env?: Record<string, string>): Promise<WorkerChild>;
  subscribe(cron: string, createdAt: number): Promise<Subscription>;
  digests(): EmulatorMessage[];
}

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
  cleanup = [];
});

async function world(target: (typeof targets)[number], start: number): Promise<World> {
  const created = await target.create();
  cleanup.push(() => created.drop());
  const database = await openDatabase(created.url);
  cleanup.push(() => database.close());
  await migrateToLatest(database.db);
  const emulator = await startSlackFake({
    teamId: TEAM,
    botUserId: BOT,
    channels: [{ id: CHANNEL, name: "offers", members: [BOT, CREATOR] }],
    users: [{ id: CREATOR, name: "ann" }],
  });
  cleanup.push(() => emulator.close());
  const children: WorkerChild[] = [];
  cleanup.push(async () => {
    for (const c of children) if (c.process.exitCode === null) c.process.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
  });
  return {
    url: created.url,
    database,
    emulator,
    children,
    spawn: async (env = {}) => {
      const child = await startChild({
        DATABASE_URL: created.url,
        SLACK_API_URL: emulator.apiUrl,
        SLACK_TOKEN: emulator.token,
        START: String(start),
        ...env,
      });
      children.push(child);
      return child;
    },
    subscribe: (cron, createdAt) => {
      const timing = { cron, timezone: "Europe/Oslo" };
      return createSubscription(database.db, {
        teamId: TEAM,
        channelId: CHANNEL,
        creatorId: CREATOR,
        query: "last 24h interval=1h",
        scheduleText: `cron "${cron}"`,
        ...timing,
        nextRunAt: nextRuns(timing, createdAt, 1)[0] as number,
        now: createdAt,
      });
    },
    digests: () => emulator.messagesIn(CHANNEL).filter((m) => runKeyIn(m) !== undefined),
  };
}

/** How many messages carry each run key. */
function countByKey(messages: EmulatorMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) {
    const key = runKeyIn(m) as string;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe.each(targets)("digest worker processes on $name", (target) => {
  // hasPostgres() prints why PostgreSQL is skipped here, and fails the run in CI (REQUIRE_POSTGRES).
  const available = target.name === "postgres" ? hasPostgres() : target.skipReason === null;

  describe.skipIf(!available)("", () => {
    it("two worker processes ticking the same minutes deliver every run exactly once", async () => {
      const t0 = Date.parse("2026-06-10T06:00:00Z");
      const w = await world(target, t0);
      // 10 subscriptions × 12 runs in 1 h of fake time: 120 digests, each fetched, rendered and
      // posted for real (about 15 s); both processes tick every minute together, so they race for
      // the same 10 runs at each 5-minute mark.
      const subs = await Promise.all(Array.from({ length: 10 }, () => w.subscribe("*/5 * * * *", t0)));
      // A 3 h lease: the two fake clocks move in lockstep, so no run is ever taken over.
      const env = { LEASE_MS: String(3 * 3_600_000) };
      const [a, b] = [await w.spawn({ ...env, OWNER: "a" }), await w.spawn({ ...env, OWNER: "b" })];
      for (let t = t0 + MINUTE; t <= t0 + 60 * MINUTE; t += MINUTE)
        await Promise.all([a?.tick(t), b?.tick(t)]);

      const expected = subs.flatMap((s) =>
        Array.from({ length: 12 }, (_, i) => `digest:${s.id}:${t0 + (i + 1) * 5 * MINUTE}`),
      );
      const counts = countByKey(w.digests());
      expect([...counts.keys()].sort()).toEqual([...expected].sort());
      expect([...counts.values()].every((n) => n === 1)).toBe(true);

      const runs = (await Promise.all(subs.map((s) => listRuns(w.database.db, TEAM, s.id, 100)))).flat();
      expect(runs).toHaveLength(120);
      expect(runs.every((r) => r.state === "delivered" && r.attempts === 1)).toBe(true);
      const owners = new Set(runs.map((r) => r.leaseOwner));
      // Both processes won some claims: they really raced.
      expect(owners).toEqual(new Set(["a", "b"]));
      expect(await a?.stop()).toBe(0);
      expect(await b?.stop()).toBe(0);
    }, 120_000);

    it("a worker killed with SIGKILL mid-run: after restart the run is delivered once", async () => {
      const t0 = Date.parse("2026-06-10T06:00:00Z");
      const w = await world(target, t0 - 30 * MINUTE);
      const sub = await w.subscribe("0 8 * * *", t0 - 30 * MINUTE);
      // Placewise answers after 60 s: the run is stuck fetching when the worker dies.
      const first = await w.spawn({ LEASE_MS: "30000", SIM_LATENCY_MS: "60000", OWNER: "first" });
      expect(await first.claim(t0)).toMatchObject({ claimed: 1 });
      first.process.kill("SIGKILL");
      expect(await first.exited).toBeNull();
      const [stuck] = await listRuns(w.database.db, TEAM, sub.id);
      expect(stuck).toMatchObject({ state: "claimed", leaseOwner: "first", attempts: 1 });

      const second = await w.spawn({ LEASE_MS: "30000", OWNER: "second" });
      // Inside the 30 s lease nobody takes it over.
      expect(await second.claim(t0 + 20_000)).toEqual({ claimed: 0, skipped: 0, takenOver: 0 });
      await second.next(`idle ${t0 + 20_000}`);
      expect(w.digests()).toHaveLength(0);
      expect(await second.claim(t0 + MINUTE)).toEqual({ claimed: 0, skipped: 0, takenOver: 1 });
      await second.next(`idle ${t0 + MINUTE}`);

      expect([...countByKey(w.digests())]).toEqual([[`digest:${sub.id}:${t0}`, 1]]);
      const [run] = await listRuns(w.database.db, TEAM, sub.id);
      expect(run).toMatchObject({ state: "delivered", leaseOwner: "second", attempts: 2 });
      expect(await second.stop()).toBe(0);
    }, 60_000);

    it("a worker killed right after Slack stored its message: after restart there is still one message", async () => {
      const t0 = Date.parse("2026-06-10T06:00:00Z");
      const w = await world(target, t0 - 30 * MINUTE);
      const sub = await w.subscribe("0 8 * * *", t0 - 30 * MINUTE);
      const first = await w.spawn({ LEASE_MS: "30000", OWNER: "first" });
      // The crash window: the message is out, the worker has not heard back or written "delivered".
      const off = w.emulator.on("message", (m) => {
        if (runKeyIn(m) !== undefined) first.process.kill("SIGKILL");
      });
      cleanup.push(async () => off());
      await first.claim(t0);
      expect(await first.exited).toBeNull();
      const [stuck] = await listRuns(w.database.db, TEAM, sub.id);
      expect(stuck).toMatchObject({ state: "claimed", leaseOwner: "first" });
      expect(w.digests()).toHaveLength(1);

      const second = await w.spawn({ LEASE_MS: "30000", OWNER: "second" });
      await second.tick(t0 + MINUTE);
      await second.tick(t0 + 2 * MINUTE);

      const digests = w.digests();
      expect(digests).toHaveLength(1);
      expect(w.emulator.callsOf("chat.postMessage")).toHaveLength(1);
      const [run] = await listRuns(w.database.db, TEAM, sub.id);
      expect(run).toMatchObject({ state: "delivered", leaseOwner: "second", attempts: 2 });
      // The run points at the message the dead worker posted, found by its run key.
      expect(run?.slackTs).toBe(digests[0]?.ts);
      expect(await second.stop()).toBe(0);
    }, 60_000);
  });
});

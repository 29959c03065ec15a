/**
 * Faults during a burst of scheduled digests on PostgreSQL (issue 13, "Faults"; RELIABILITY.md).
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/faults.ts [scenario...]
 *
 * Scenarios: baseline, kill, postgres, placewise, slack (default: all, one after another, ~10 min).
 * Each: a fresh schema; 60 subscriptions due the same minute over 20 channels (10 distinct queries);
 * the Slack emulator with Slack's limits and one Placewise simulator in this process; 2 worker
 * processes (test/jobs/fixtures/runtime-child.ts: the real runtime, role worker, real time) that
 * reach PostgreSQL through a loopback TCP proxy (test/support/tcp-proxy.ts). Then the fault:
 *
 *   kill       kill -9 one worker once 10 digests are in their channels
 *   postgres   once 10 are in: cut every connection through the proxy and refuse new ones for 8 s
 *   placewise  Placewise answers 503 to every request for 120 s from the start of the burst
 *   slack      Slack answers 429 (Retry-After 1) to every third chat.postMessage
 *
 * It waits until every run is finished (or 8 minutes), then checks from the outside: each
 * (subscription, minute) is in its channel exactly once (run key in the message metadata), every run
 * is 'delivered', and each run delivered over 2 minutes after its minute is marked late in the
 * database and says so in the message. It prints the figures and exits 1 if any check fails.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { SIM_CLUBS, SIM_TOKENS, startSimulator } from "../src/local/placewise-simulator/index.ts";
import { type EmulatorChannel, startSlackEmulator } from "../src/local/slack-emulator/index.ts";
import { migrateToLatest, openDatabase } from "../src/store/db.ts";
import { createSubscription } from "../src/store/subscriptions.ts";
import { type RuntimeChild, startRuntimeChild } from "../test/jobs/runtime-children.ts";
import { SIGNING_SECRET } from "../test/slack/support/requests.ts";
import { startTcpProxy, throughProxy } from "../test/support/tcp-proxy.ts";

const SCENARIOS = ["baseline", "kill", "postgres", "placewise", "slack"] as const;
type Scenario = (typeof SCENARIOS)[number];

const SUBSCRIPTIONS = 60;
const CHANNELS = 20;
const QUERIES = [
  "last 24h interval=1h",
  "last 7d interval=1d",
  "last 24h interval=1h by=member_gender",
  "last 7d interval=1d by=member_age",
  "last 3d interval=1h",
  "last 24h interval=1h offer_type=birthday",
  "last 14d interval=1d",
  "last 12h interval=1h",
  "last 7d interval=1d by=authorized",
  "last 2d interval=1h",
];
const LATE_AFTER_MS = 2 * 60_000;
const DEADLINE_MS = Number(process.env.FAULTS_DEADLINE_S ?? 480) * 1000;
const TEAM = "T0FAULTS";
const BOT = "U0OFFERBOT";

function countBy(keys: readonly string[]): Record<string, number> {
  const by: Record<string, number> = {};
  for (const k of keys) by[k] = (by[k] ?? 0) + 1;
  return by;
}

export interface FaultFigures {
  scenario: Scenario;
  runs: number;
  delivered: number;
  missing: number;
  duplicates: number;
  late: number;
  lateUnmarked: number;
  markedNotLate: number;
  retaken: number;
  p50s: number;
  p95s: number;
  maxs: number;
  slack429: number;
  /** The 429s by Web API method (chat.postMessage's are per channel). */
  slack429By: Record<string, number>;
  placewise5xx: number;
  workersAlive: number;
  /** Seconds from the scheduled minute until both workers were up (lateness includes it). */
  readyAfterS: number;
  seconds: number;
}

async function freshSchema(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `offer_digest_faults_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};

export async function runScenario(scenario: Scenario, baseUrl: string): Promise<FaultFigures> {
  const started = Date.now();
  const schema = await freshSchema(baseUrl);
  const target = new URL(baseUrl);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const channelIds = Array.from({ length: CHANNELS }, (_, i) => `C0BURST${String(i).padStart(3, "0")}`);
  const channels: EmulatorChannel[] = channelIds.map((id, i) => ({
    id,
    name: `burst-${i}`,
    members: [BOT, "U0CAROL"],
  }));
  const emulator = await startSlackEmulator({
    testHooks: true,
    teamId: TEAM,
    botUserId: BOT,
    channels,
    limits: true,
  });
  const simulator = await startSimulator({ seed: 1, testHooks: true });
  const database = await openDatabase(schema.url);
  const children: RuntimeChild[] = [];
  try {
    await migrateToLatest(database.db);
    // The minute just begun: every subscription is due at it, daily, in UTC.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const at = new Date(minute);
    const cron = `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
    const subs: { id: number; channel: string }[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const channel = channelIds[i % CHANNELS] as string;
      const s = await createSubscription(database.db, {
        teamId: TEAM,
        channelId: channel,
        creatorId: "U0CAROL",
        query: QUERIES[i % QUERIES.length] as string,
        scheduleText: `cron "${cron}" tz=UTC`,
        cron,
        timezone: "UTC",
        nextRunAt: minute,
        now: minute - 60_000,
      });
      subs.push({ id: s.id, channel });
    }

    if (scenario === "slack") {
      let posts = 0;
      emulator.on("call", (call) => {
        if (call.method !== "chat.postMessage") return;
        posts++;
        if (posts % 3 === 2)
          emulator.injectFault({ method: "chat.postMessage", status: 429, retryAfterSeconds: 1 });
      });
    }

    const env = {
      DATABASE_URL: throughProxy(schema.url, proxy.port),
      SLACK_BOT_TOKEN: emulator.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      PLACEWISE_API_URL: simulator.url,
      PLACEWISE_CLIENT_TOKEN: SIM_TOKENS.client,
      PLACEWISE_CUSTOMER: `id=${SIM_CLUBS[0]?.id}`,
      RENDER_THREADS: "1",
      LOG_LEVEL: "warn",
      ROLE: "worker",
    };
    // The first tick at start claims what is due: both start together, and the claims share the burst.
    if (scenario === "placewise") simulator.injectFault({ kind: "status", status: 503, times: 1_000_000 });
    const spawned = await Promise.all([0, 1].map((i) => startRuntimeChild({ ...env, OWNER: `worker-${i}` })));
    children.push(...spawned);
    const readyAfterS = Math.round((Date.now() - minute) / 100) / 10;
    if (scenario === "placewise") setTimeout(() => simulator.clearFaults(), 120_000).unref();

    const inChannels = () => channelIds.reduce((n, c) => n + emulator.messagesIn(c).length, 0);
    let faulted = scenario !== "kill" && scenario !== "postgres";
    const open = async () => {
      const r = await database.db
        .selectFrom("delivery_runs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("state", "=", "delivered")
        .executeTakeFirst();
      return SUBSCRIPTIONS - Number(r?.n ?? 0);
    };
    while (Date.now() - started < DEADLINE_MS) {
      if (!faulted && inChannels() >= 10) {
        faulted = true;
        if (scenario === "kill") {
          console.log(`  kill -9 worker-0 with ${inChannels()} digests in`);
          children[0]?.process.kill("SIGKILL");
        } else {
          console.log(`  cutting PostgreSQL for 8 s with ${inChannels()} digests in`);
          proxy.cut();
          setTimeout(() => proxy.restore(), 8_000).unref();
        }
      }
      if ((await open().catch(() => SUBSCRIPTIONS)) === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    // Outside truth: the messages in the channels, by run key, with when each went out (its ts).
    const seen = new Map<string, number>();
    const postedAt = new Map<string, number>();
    const lateText = new Map<string, boolean>();
    for (const c of channelIds)
      for (const m of emulator.messagesIn(c)) {
        const key = m.metadata?.event_payload?.run_key;
        if (typeof key !== "string") continue;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (!postedAt.has(key)) postedAt.set(key, Number(m.ts) * 1000);
        lateText.set(key, /Sent late/.test(JSON.stringify(m.blocks ?? m.text)));
      }
    const runs = await database.db.selectFrom("delivery_runs").selectAll().execute();
    const lateness: number[] = [];
    let late = 0;
    let lateUnmarked = 0;
    let markedNotLate = 0;
    for (const r of runs) {
      const key = `digest:${r.subscription_id}:${r.scheduled_at}`;
      const at = postedAt.get(key);
      if (at === undefined) continue;
      const ms = at - r.scheduled_at;
      lateness.push(ms / 1000);
      const marked = lateText.get(key) === true;
      if (ms > LATE_AFTER_MS) late++;
      // The note is decided when the digest is prepared, the ts given when Slack takes it: 30 s of
      // grace between the two. A message later than that without the note is a failure.
      if (ms > LATE_AFTER_MS + 30_000 && !marked) lateUnmarked++;
      if (marked && ms < LATE_AFTER_MS) markedNotLate++;
    }
    if (process.env.FAULTS_DEBUG) {
      const states = new Map<string, number>();
      for (const r of runs)
        states.set(`${r.state}:${r.error ?? ""}`, (states.get(`${r.state}:${r.error ?? ""}`) ?? 0) + 1);
      console.log("  runs:", JSON.stringify([...states]));
      for (const c of children) console.log(c.stderr().split("\n").slice(-15).join("\n"));
    }
    const keys = subs.map((s) => `digest:${s.id}:${minute}`);
    const alive = children.filter((c) => c.process.exitCode === null && c.process.signalCode === null).length;
    return {
      scenario,
      runs: runs.length,
      delivered: runs.filter((r) => r.state === "delivered").length,
      missing: keys.filter((k) => (seen.get(k) ?? 0) === 0).length,
      duplicates: keys.filter((k) => (seen.get(k) ?? 0) > 1).length,
      late,
      lateUnmarked,
      markedNotLate,
      retaken: runs.filter((r) => r.attempts > 1).length,
      p50s: Math.round(pct(lateness, 50) * 10) / 10,
      p95s: Math.round(pct(lateness, 95) * 10) / 10,
      maxs: Math.round(Math.max(0, ...lateness) * 10) / 10,
      slack429: emulator.calls.filter((c) => c.outcome === "http_429").length,
      slack429By: countBy(emulator.calls.filter((c) => c.outcome === "http_429").map((c) => c.method)),
      placewise5xx: simulator.requests.filter((r) => r.status >= 500).length,
      workersAlive: alive,
      readyAfterS,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    for (const c of children) {
      if (c.process.exitCode === null && c.process.signalCode === null) await c.stop();
    }
    await database.close();
    await emulator.close();
    await simulator.close();
    await proxy.close();
    await schema.drop();
  }
}

function problems(f: FaultFigures): string[] {
  const out: string[] = [];
  if (f.missing > 0) out.push(`${f.missing} missing`);
  if (f.duplicates > 0) out.push(`${f.duplicates} doubled`);
  if (f.delivered !== SUBSCRIPTIONS) out.push(`${f.delivered}/${SUBSCRIPTIONS} runs delivered`);
  if (f.lateUnmarked > 0) out.push(`${f.lateUnmarked} late runs not marked late`);
  const expectAlive = f.scenario === "kill" ? 1 : 2;
  if (f.workersAlive < expectAlive) out.push(`${expectAlive - f.workersAlive} worker(s) crashed`);
  return out;
}

async function main(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL ?? process.env.FAULTS_DATABASE_URL;
  if (base === undefined) {
    console.error(
      "Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (a schema is made and dropped).",
    );
    process.exit(2);
  }
  const asked = process.argv.slice(2) as Scenario[];
  const wrong = asked.filter((s) => !SCENARIOS.includes(s));
  if (wrong.length > 0) {
    console.error(`Unknown scenario ${wrong.join(", ")}: expected ${SCENARIOS.join(", ")}.`);
    process.exit(2);
  }
  console.log(
    `${SUBSCRIPTIONS} digests due the same minute over ${CHANNELS} channels, 2 worker processes, PostgreSQL through a loopback proxy`,
  );
  const rows: FaultFigures[] = [];
  let failed = false;
  for (const s of asked.length > 0 ? asked : SCENARIOS) {
    console.log(`\n== ${s} ==`);
    const f = await runScenario(s, base);
    rows.push(f);
    const bad = problems(f);
    failed ||= bad.length > 0;
    console.log(JSON.stringify(f));
    console.log(
      bad.length === 0
        ? "  OK: nothing lost, nothing doubled, late ones marked"
        : `  FAILED: ${bad.join("; ")}`,
    );
  }
  console.log(
    "\n| fault | delivered | missing | doubled | late (>2 min) | late unmarked | retaken runs | lateness p50 / p95 / max (s) | Slack 429s | Placewise 5xx | workers alive | workers up after (s) | took (s) |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const f of rows)
    console.log(
      `| ${f.scenario} | ${f.delivered}/${SUBSCRIPTIONS} | ${f.missing} | ${f.duplicates} | ${f.late} | ${f.lateUnmarked} | ${f.retaken} | ${f.p50s} / ${f.p95s} / ${f.maxs} | ${f.slack429} | ${f.placewise5xx} | ${f.workersAlive}/2 | ${f.readyAfterS} | ${f.seconds} |`,
    );
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

/**
 * The 08:00 burst (issue 13): 1000 subscriptions due in the same minute over 200 channels with 50
 * distinct queries (skewed: the most shared query has ~220 subscriptions, the least ~4), delivered by
 * real separate processes (bench/slack-bot.ts with role "worker", and a "web" process for slash
 * commands) against the Placewise simulator (token bucket, 50 ms answers) and the Slack emulator with
 * Slack's limits on, both in this process (their request and call records give the counts).
 *
 * Setups: 1, 2 and 4 worker processes on PostgreSQL (a fresh schema each), one process (role "all")
 * on SQLite. The subscriptions are due at the current minute, so each worker claims them in the tick
 * it runs at start; the time is measured from the first claim (delivery_runs.created_at) to the last
 * digest stored by the emulator. The floor is what the limits alone allow: the slowest of the busiest
 * channel's posts at 1/s, the distinct uploads at Tier 4 (100/min), and the distinct Placewise
 * requests' tokens beyond the bucket's capacity at its refill rate.
 *
 * BURST_SETUPS=pg2,sqlite runs only those. BENCH_DATABASE_URL (or TEST_DATABASE_URL) names the
 * PostgreSQL server; without one the PostgreSQL setups are skipped and say so.
 */
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { UPLOAD_BURST } from "../src/delivery/rate-gate.ts";
import { countLogicalNodes } from "../src/local/placewise-simulator/filter.ts";
import {
  SIM_CLUBS,
  SIM_TOKENS,
  type Simulator,
  startSimulator,
} from "../src/local/placewise-simulator/index.ts";
import { SLACK_TIERS, type SlackEmulator, startSlackEmulator } from "../src/local/slack-emulator/index.ts";
import { REPORT_TOKEN_COST } from "../src/placewise/fields.ts";
import { migrateToLatest, openDatabase } from "../src/store/db.ts";
import { createSubscription } from "../src/store/subscriptions.ts";
import { FORM, SIGNING_SECRET, signedHeaders, slashCommandBody } from "../test/slack/support/requests.ts";
import { type BotBuild, botCommand, botEnv } from "./bot-process.ts";
import { firstLine, type Stats, stats, stopChild } from "./slack.ts";
import type { Benchmark, BenchResult, BenchSection } from "./types.ts";

const SUBSCRIPTIONS = 1000;
const CHANNELS = 200;
const RANGES = [
  "last 24h interval=1h",
  "last 48h interval=1h",
  "last 7d interval=1d",
  "last 14d interval=1d",
  "last 30d interval=1d",
];
const VARIANTS = [
  "",
  " by=member_gender",
  " offer_type=birthday",
  " by=member_age",
  " offer_type=welcome",
  " authorized=true",
  " by=authorized",
  " member_gender=female",
  " by=authorization_type",
  " offer_type=birthday,welcome",
];
const QUERIES = RANGES.flatMap((r) => VARIANTS.map((v) => `${r}${v}`));
const PLACEWISE_LATENCY_MS = 50;
const BUCKET = { capacity: 600, refillPerSecond: 10 };
/** Slack's own limits (not offer-digest's 90%): posts 1/s per channel, uploads Tier 4. */
const SLACK_POST_PER_S = 1;
const TIER4_PER_MIN = 100;
const RENDER_THREADS = 1;
const PROBES = 20;
const PROBE_EVERY_MS = 500;
const TIMEOUT_MS = 240_000;
const TEAM = "T0BURST";
const BOT = "U0OFFERBOT";
const USER = "U0BENCH";
const PROBE_CHANNEL = "C0PROBE";
const TARGET = { floorRatio: 1.2, tokenRatio: 1.1, ackP95Ms: 300, rssMb: 300 };

interface Setup {
  readonly id: string;
  readonly label: string;
  readonly db: "postgres" | "sqlite";
  /** Worker processes beside one web process; 0: one process (role "all") does everything. */
  readonly workers: number;
  /** Compiled by `npm run build` as in production (bench/bot-process.ts), or the sources through tsx. */
  readonly run: BotBuild;
}

const SETUPS: readonly Setup[] = [
  { id: "pg1", label: "PostgreSQL, 1 worker + web", db: "postgres", workers: 1, run: "compiled" },
  { id: "pg2", label: "PostgreSQL, 2 workers + web", db: "postgres", workers: 2, run: "compiled" },
  { id: "pg4", label: "PostgreSQL, 4 workers + web", db: "postgres", workers: 4, run: "compiled" },
  { id: "sqlite", label: "SQLite, 1 process (all)", db: "sqlite", workers: 0, run: "compiled" },
  // The baseline for memory: the same 2-worker run as npm start ran before this round: the sources
  // through tsx, glibc's default malloc arenas.
  {
    id: "pg2-tsx",
    label: "PostgreSQL, 2 workers + web, through tsx, default arenas (before)",
    db: "postgres",
    workers: 2,
    run: "tsx",
  },
];

const channelId = (i: number) => `C0B${String(i).padStart(4, "0")}`;

/** Query index per subscription: weight 1/(k+1) (Zipf), every query at least once, shuffled (seeded). */
function assignQueries(): number[] {
  const h = QUERIES.reduce((sum, _, k) => sum + 1 / (k + 1), 0);
  const counts = QUERIES.map((_, k) => Math.max(1, Math.floor(SUBSCRIPTIONS / (k + 1) / h)));
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < SUBSCRIPTIONS; k = (k + 1) % QUERIES.length)
    counts[k] = (counts[k] as number) + 1;
  const list = counts.flatMap((c, k) => Array<number>(c).fill(k));
  let seed = 13;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as number, list[i] as number];
  }
  return list;
}

interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly port?: number;
  /** Where the process writes its main thread's peak JS heap on SIGUSR2 (slack-bot.ts). */
  readonly heapFile: string;
}

/** Every child started, so a failed start-up still stops the ones already running. */
const children: ChildProcess[] = [];

async function spawnBot(
  name: string,
  role: "all" | "web" | "worker",
  env: Record<string, string>,
  how: BotBuild,
): Promise<Proc> {
  const heapFile = join(tmpdir(), `offer-digest-burst-${process.pid}-${name.replace(/\W/g, "")}.jsonl`);
  rmSync(heapFile, { force: true });
  const child = spawn(process.execPath, [...botCommand(how), "0", role], {
    env: { PATH: process.env.PATH, ...env, ...botEnv(how), BENCH_LOOP_DELAY_FILE: heapFile },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  // Several processes start at once on a loaded 2-core machine: tsx, migrations, render threads.
  const line = await firstLine(child, name, 120_000);
  child.stdout?.resume();
  const { port } = JSON.parse(line) as { port?: number };
  return port === undefined ? { name, child, heapFile } : { name, child, port, heapFile };
}

/** The main thread's peak JS heap in use (MB) since start: asked with SIGUSR2, read from its file. */
async function heapPeakMb(p: Proc): Promise<number> {
  p.child.kill("SIGUSR2");
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const line = existsSync(p.heapFile) ? readFileSync(p.heapFile, "utf8").trim().split("\n").at(-1) : "";
    if (line) return (JSON.parse(line) as { heapPeakMb: number }).heapPeakMb;
  }
  return Number.NaN;
}

function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

interface Database {
  url: string;
  drop(): Promise<void>;
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

async function freshDatabase(kind: Setup["db"]): Promise<Database> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "offer-digest-burst-"));
    return {
      url: `file:${join(dir, "burst.sqlite")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `burst_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(pgUrl as string);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

interface Measured {
  setup: Setup;
  load: [number, number];
  seconds: number;
  floor: { seconds: number; posts: number; uploads: number; tokens: number };
  tokens: { spent: number; distinct: number; requests: number; rateLimited: number };
  uploads: number;
  slack429: number;
  delivered: number;
  duplicates: number;
  missing: number;
  ack: Stats;
  rss: { name: string; mb: number; heapMb: number }[];
}

/** The subscriptions: due at the current minute (UTC), daily, so the workers' first tick claims them. */
async function subscribe(
  url: string,
  queries: readonly number[],
): Promise<{ dueAt: number; keys: Set<string> }> {
  const database = await openDatabase(url);
  await migrateToLatest(database.db);
  const now = Date.now();
  const dueAt = now - (now % 60_000);
  const d = new Date(dueAt);
  const cron = `${d.getUTCMinutes()} ${d.getUTCHours()} * * *`;
  const keys = new Set<string>();
  for (const [i, q] of queries.entries()) {
    const sub = await createSubscription(database.db, {
      teamId: TEAM,
      channelId: channelId(i % CHANNELS),
      creatorId: USER,
      query: QUERIES[q] as string,
      scheduleText: `daily ${d.toISOString().slice(11, 16)} UTC`,
      cron,
      timezone: "UTC",
      nextRunAt: dueAt,
      now: now - 3_600_000,
    });
    keys.add(`digest:${sub.id}:${dueAt}`);
  }
  await database.close();
  return { dueAt, keys };
}

async function firstClaim(url: string): Promise<number> {
  const database = await openDatabase(url);
  try {
    const row = await database.db
      .selectFrom("delivery_runs")
      .select((eb) => eb.fn.min("created_at").as("first"))
      .executeTakeFirstOrThrow();
    return Number(row.first);
  } finally {
    await database.close();
  }
}

async function probe(port: number, emulator: SlackEmulator, i: number): Promise<number> {
  const who = { teamId: TEAM, channelId: PROBE_CHANNEL, userId: USER };
  const body = slashCommandBody(
    who,
    i % 2 === 0 ? "help" : "list",
    emulator.responseUrl(PROBE_CHANNEL, USER),
  );
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: signedHeaders(body, FORM),
    body,
  });
  await res.text();
  if (res.status !== 200) throw new Error(`probe ack ${res.status}`);
  return performance.now() - t0;
}

function placewiseTokens(sim: Simulator): Measured["tokens"] {
  const ok = sim.requests.filter((r) => r.status === 200);
  const cost = (body: unknown) =>
    REPORT_TOKEN_COST + countLogicalNodes((body as { filter?: unknown }).filter);
  const distinct = new Map<string, number>();
  for (const r of ok) distinct.set(JSON.stringify(r.body), cost(r.body));
  return {
    spent: ok.reduce((sum, r) => sum + cost(r.body), 0),
    distinct: [...distinct.values()].reduce((a, b) => a + b, 0),
    requests: sim.requests.length,
    rateLimited: sim.requests.filter((r) => r.status === 429).length,
  };
}

async function runSetup(setup: Setup, queries: readonly number[]): Promise<Measured> {
  const load0 = loadavg()[0] as number;
  const simulator = await startSimulator({
    latencyMs: PLACEWISE_LATENCY_MS,
    testHooks: true,
    seed: 1,
    rateLimit: BUCKET,
  });
  const emulator = await startSlackEmulator({
    limits: true,
    testHooks: true,
    teamId: TEAM,
    botUserId: BOT,
    channels: [
      ...Array.from({ length: CHANNELS }, (_, i) => ({
        id: channelId(i),
        name: `offers-${i}`,
        members: [BOT, USER],
      })),
      { id: PROBE_CHANNEL, name: "probe", members: [BOT, USER] },
    ],
    users: [{ id: USER, name: "bench" }],
  });
  const database = await freshDatabase(setup.db);
  const procs: Proc[] = [];
  try {
    const { keys } = await subscribe(database.url, queries);
    const seen = new Map<string, number>();
    let last = 0;
    let resolveAll = () => {};
    const all = new Promise<void>((r) => {
      resolveAll = r;
    });
    emulator.on("message", (m) => {
      const key = m.metadata?.event_payload.run_key;
      if (m.ephemeral || m.thread_ts !== undefined || typeof key !== "string" || !keys.has(key)) return;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      last = Date.now();
      if (seen.size === keys.size) resolveAll();
    });
    const env = {
      SLACK_BOT_TOKEN: emulator.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: database.url,
      PORT: "0",
      PLACEWISE_API_URL: simulator.url,
      PLACEWISE_USER_TOKEN: SIM_TOKENS.user,
      PLACEWISE_CUSTOMER: `id=${SIM_CLUBS[0]?.id}`,
      // Several processes on 2 cores: one render thread each (the default is one per core, and each
      // thread holds its own Vega and fonts, ~70 MB).
      RENDER_THREADS: String(RENDER_THREADS),
    };
    const spawned = [
      spawnBot(setup.workers === 0 ? "all" : "web", setup.workers === 0 ? "all" : "web", env, setup.run),
      ...Array.from({ length: setup.workers }, (_, i) =>
        spawnBot(`worker ${i + 1}`, "worker", env, setup.run),
      ),
    ];
    procs.push(...(await Promise.all(spawned)));
    const web = procs[0] as Proc;
    // Slash commands while the burst runs: from its first digest on, one every 500 ms.
    const acks: number[] = [];
    const probing = (async () => {
      while (seen.size === 0) await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < PROBES; i++) {
        acks.push(await probe(web.port as number, emulator, i));
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    const progress = setInterval(() => console.log(`burst: ${seen.size} of ${keys.size} digests`), 10_000);
    await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, TIMEOUT_MS)))]);
    clearTimeout(timer);
    clearInterval(progress);
    await probing;
    const rss = [];
    for (const p of procs)
      rss.push({ name: p.name, mb: peakRssMb(p.child.pid), heapMb: await heapPeakMb(p) });
    const started = await firstClaim(database.url);
    const seconds = (last - started) / 1000;

    const perChannel = new Map<number, number>();
    for (let i = 0; i < SUBSCRIPTIONS; i++)
      perChannel.set(i % CHANNELS, (perChannel.get(i % CHANNELS) ?? 0) + 1);
    const tokens = placewiseTokens(simulator);
    const uploads = emulator.callsOf("files.completeUploadExternal").filter((c) => c.outcome === "ok").length;
    const floor = {
      posts: Math.max(...perChannel.values()) / SLACK_POST_PER_S,
      // One upload per distinct chart in this one workspace.
      uploads: (QUERIES.length / TIER4_PER_MIN) * 60,
      tokens: Math.max(0, tokens.distinct - BUCKET.capacity) / BUCKET.refillPerSecond,
      seconds: 0,
    };
    floor.seconds = Math.max(floor.posts, floor.uploads, floor.tokens);
    const counts = [...seen.values()];
    return {
      setup,
      load: [load0, loadavg()[0] as number],
      seconds,
      floor,
      tokens,
      uploads,
      slack429: emulator.calls.filter((c) => c.outcome === "http_429").length,
      delivered: seen.size,
      duplicates: counts.reduce((sum, c) => sum + c - 1, 0),
      missing: keys.size - seen.size,
      ack: stats(acks),
      rss,
    };
  } finally {
    await Promise.all(children.splice(0).map((c) => stopChild(c)));
    await emulator.close();
    await simulator.close();
    await database.drop();
  }
}

const r2 = (n: number) => Math.round(n * 100) / 100;

function resultsOf(m: Measured): BenchResult[] {
  const p = `burst.${m.setup.id}`;
  const extra = { setup: m.setup.label, loadAverage1m: r2(m.load[0]) };
  const maxRss = Math.max(...m.rss.map((r) => r.mb));
  return [
    { name: `${p}.seconds`, unit: "s", value: r2(m.seconds), floorSeconds: r2(m.floor.seconds), ...extra },
    {
      name: `${p}.floor_ratio`,
      unit: "ratio",
      value: r2(m.seconds / m.floor.seconds),
      target: TARGET.floorRatio,
      pass: m.seconds / m.floor.seconds <= TARGET.floorRatio,
      ...extra,
    },
    {
      name: `${p}.token_ratio`,
      unit: "ratio",
      value: r2(m.tokens.spent / m.tokens.distinct),
      spent: m.tokens.spent,
      baseline: m.tokens.distinct,
      target: TARGET.tokenRatio,
      pass: m.tokens.spent / m.tokens.distinct <= TARGET.tokenRatio,
      ...extra,
    },
    {
      name: `${p}.duplicates`,
      unit: "count",
      value: m.duplicates,
      target: 0,
      pass: m.duplicates === 0,
      ...extra,
    },
    { name: `${p}.missing`, unit: "count", value: m.missing, target: 0, pass: m.missing === 0, ...extra },
    { name: `${p}.uploads`, unit: "count", value: m.uploads, baseline: QUERIES.length, ...extra },
    {
      name: `${p}.ack_p95_ms`,
      unit: "ms",
      value: Math.round(m.ack.p95),
      target: TARGET.ackP95Ms,
      pass: m.ack.p95 < TARGET.ackP95Ms,
      ...extra,
    },
    {
      name: `${p}.peak_rss_mb`,
      unit: "MB",
      value: Math.round(maxRss),
      target: TARGET.rssMb,
      pass: maxRss < TARGET.rssMb,
      perProcess: m.rss,
      ...extra,
    },
  ];
}

function row(m: Measured): string {
  const ratio = m.seconds / m.floor.seconds;
  const rss = m.rss.map((r) => `${r.name} ${Math.round(r.mb)} (${Math.round(r.heapMb)})`).join(", ");
  return [
    m.setup.label,
    `${m.seconds.toFixed(1)} s / ${m.floor.seconds.toFixed(1)} s = **${ratio.toFixed(2)}×**`,
    `${m.tokens.spent} / ${m.tokens.distinct} = ${(m.tokens.spent / m.tokens.distinct).toFixed(2)}× (${m.tokens.requests} requests, ${m.tokens.rateLimited}×429)`,
    `${m.uploads} (${m.slack429}×429)`,
    `${m.duplicates} / ${m.missing}`,
    `${m.ack.p50.toFixed(0)} / ${m.ack.p95.toFixed(0)}`,
    rss,
    `${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)}`,
  ].join(" | ");
}

/** What the run says about each target, in words, from its own figures. */
function verdict(measured: readonly Measured[]): string {
  const compiled = measured.filter((m) => m.setup.run === "compiled");
  const baseline = measured.find((m) => m.setup.run === "tsx");
  const two = compiled.find((m) => m.setup.workers === 2);
  const maxRss = (ms: readonly Measured[]) => Math.max(...ms.flatMap((m) => m.rss.map((r) => r.mb)));
  const ackP95 = Math.max(...compiled.map((m) => m.ack.p95));
  const tokenRatio = Math.max(...measured.map((m) => m.tokens.spent / m.tokens.distinct));
  const wrong = measured.reduce((sum, m) => sum + m.duplicates + m.missing, 0);
  const uploadBurst = SLACK_TIERS["files.completeUploadExternal"]?.burst ?? 1;
  const burstFloor = (Math.max(0, QUERIES.length - uploadBurst) / TIER4_PER_MIN) * 60;
  const yes = (ok: boolean) => (ok ? "met" : "MISSED");
  const lines = [
    two === undefined
      ? "Time with 2 workers: not measured in this run."
      : `Time with 2 workers: ${(two.seconds / two.floor.seconds).toFixed(2)}× the floor, ${yes(two.seconds / two.floor.seconds <= TARGET.floorRatio)}. ` +
        `The floor is the issue's: every distinct upload at Tier 4's rate. Slack also allows Tier 4 a burst (the emulator lets ${uploadBurst} through at once, rate-gate.ts takes ${UPLOAD_BURST}), ` +
        `so the limits alone would allow ${Math.max(burstFloor, two.floor.posts, two.floor.tokens).toFixed(0)} s (the busiest channel's posts); past that the time is CPU: every digest is still its own message, run claim, rate-gate slot and bookkeeping in the database.`,
    `Placewise tokens: at most ${tokenRatio.toFixed(2)}× each distinct request once, ${yes(tokenRatio <= TARGET.tokenRatio)}. Duplicates and missing: ${wrong}, ${yes(wrong === 0)}.`,
    `Ack p95 during the burst: at most ${ackP95.toFixed(0)} ms over the compiled setups, ${yes(ackP95 < TARGET.ackP95Ms)}.`,
    `Peak RSS: at most ${maxRss(compiled).toFixed(0)} MB in any compiled process (npm run build, MALLOC_ARENA_MAX=2, as npm start and the Procfile run them), ${yes(maxRss(compiled) < TARGET.rssMb)}` +
      (baseline === undefined
        ? "."
        : `; the same 2-worker run through tsx with glibc's default arenas, as npm start ran before, peaked at ${maxRss([baseline]).toFixed(0)} MB.`),
  ];
  return lines.map((l) => `- ${l}`).join("\n");
}

export const benchmark: Benchmark = {
  id: "burst",
  async run(): Promise<BenchSection> {
    const chosen = process.env.BURST_SETUPS?.split(",") ?? SETUPS.map((s) => s.id);
    const queries = assignQueries();
    const measured: Measured[] = [];
    const skipped: string[] = [];
    for (const setup of SETUPS.filter((s) => chosen.includes(s.id))) {
      if (setup.db === "postgres" && pgUrl === undefined) {
        skipped.push(`${setup.label}: skipped, BENCH_DATABASE_URL / TEST_DATABASE_URL is not set`);
        continue;
      }
      console.log(`burst: ${setup.label} ...`);
      const m = await runSetup(setup, queries);
      console.log(`| ${row(m)} |`);
      measured.push(m);
    }
    const perQuery = QUERIES.map((_, k) => queries.filter((q) => q === k).length);
    const markdown = [
      `${SUBSCRIPTIONS} subscriptions due in the same minute over ${CHANNELS} channels (${SUBSCRIPTIONS / CHANNELS} each), ${QUERIES.length} distinct queries, skewed 1/(k+1): the most shared has ${Math.max(...perQuery)} subscriptions, the least ${Math.min(...perQuery)}. ` +
        `Real processes (bench/slack-bot.ts: \`worker\` and \`web\` roles, or one \`all\` on SQLite), compiled by \`npm run build\` and with MALLOC_ARENA_MAX=2 as npm start and the Procfile run them (the last setup: through tsx with glibc's defaults, as before), RENDER_THREADS=${RENDER_THREADS} each; Placewise simulator with its token bucket (${BUCKET.capacity} tokens, ${BUCKET.refillPerSecond}/s) answering after ${PLACEWISE_LATENCY_MS} ms, Slack emulator with Slack's limits (\`limits: true\`), both in the benchmark process. ` +
        "Time: from the first claim to the last digest stored in its channel. Floor: the slowest of the busiest channel's posts at 1/s, the distinct uploads at Tier 4 (100/min), the distinct requests' tokens beyond the bucket's capacity at its refill rate. " +
        `Tokens: spent against each distinct Placewise request once (current and previous period of each query). Ack: ${PROBES} \`/offers help\`/\`list\` to the web process, one every ${PROBE_EVERY_MS} ms from the first digest on.`,
      "",
      "| setup | time / floor | Placewise tokens / distinct | uploads | duplicates / missing | ack p50 / p95 ms | peak RSS MB (main thread's peak JS heap) | load 1m |",
      "|---|---|---|---|---|---|---|---|",
      ...measured.map((m) => `| ${row(m)} |`),
      ...skipped.map((s) => `\n${s}`),
      "",
      `Targets: time ≤ ${TARGET.floorRatio}× the floor with 2 workers, tokens ≤ ${TARGET.tokenRatio}×, duplicates and missing 0, ack p95 < ${TARGET.ackP95Ms} ms, every process < ${TARGET.rssMb} MB. ` +
        `Floor terms of the last setup: posts ${measured.at(-1)?.floor.posts.toFixed(0)} s, uploads ${measured.at(-1)?.floor.uploads.toFixed(0)} s, tokens ${measured.at(-1)?.floor.tokens.toFixed(0)} s.`,
      "",
      verdict(measured),
    ].join("\n");
    return {
      title: "Burst: 1000 digests due in the same minute, several processes",
      markdown,
      results: measured.flatMap(resultsOf),
    };
  },
};

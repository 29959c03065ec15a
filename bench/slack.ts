/**
 * Ack latency of `/offers report` under 30 concurrent commands (issue 13's figure), and the time until each digest is
 * posted, with the bot running as in production: `startRuntime` (role "all") in a child process, HTTP
 * mode with the real Bolt app, SQLite, and the built-in Placewise simulator answering after 50 ms.
 * This process plays Slack: it sends signed slash commands and hosts the Web API emulator, so the
 * digest time is when chat.postMessage stored the message. Baseline in the same run: the ack of
 * `/offers help`, which does no work.
 *
 * The emulator enforces Slack's limits (per-channel posts, the tiers with their bursts), as Slack does.
 * Each of the 30 commands comes from its own channel. Slack takes about one post per second per
 * channel, and the delivery module paces posts to a channel 1.1 s apart on purpose (NOTES.md "Rate
 * limits"), so 20 reports into ONE channel need at least 20 × 1.1 s ≈ 21 s however fast the bot is:
 * that would measure Slack's limit, not the bot. Twenty people asking at once in twenty channels is
 * the burst the bot itself has to absorb.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { SIM_CLUBS, SIM_TOKENS } from "../src/local/placewise-simulator/index.ts";
import type { SlackEmulator } from "../src/local/slack-emulator/index.ts";
import { OFFER_TYPES } from "../src/placewise/fields.ts";
import { systemClock } from "../src/util/clock.ts";
import { FORM, SIGNING_SECRET, signedHeaders, slashCommandBody } from "../test/slack/support/requests.ts";
import { extraChannelId, startWorkspace, TEAM, USERS } from "../test/slack/support/workspace.ts";
import { botCommand, botEnv } from "./bot-process.ts";
import type { Benchmark, BenchResult, BenchSection } from "./types.ts";

const CONCURRENCY = 30;
const PLACEWISE_LATENCY_MS = 50;
const TARGET_ACK_P95_MS = 200;
const TARGET_DIGEST_MS = 1_500;
const WORDS = "last 24h interval=1h";
/** Rounds of 30 commands with different filters, each fetching its own numbers (no shared cache entry). */
const ROUNDS = 2;
/**
 * Between two rounds that post, the uploads' burst (rate-gate.ts: 40, then 90 a minute) fills up
 * again, as it would between two moments when 30 people ask at once: 30 uploads take 20 s to refill.
 */
const REFILL_MS = 22_000;
/**
 * 11 offer types × 5 breakdowns = 55 different filters, 30 of them a round; each round asks for
 * another range (last 24h, last 25h), so no two commands share numbers. A breakdown by place is left
 * out: the Placewise budget refuses it over a day of hours (src/placewise/budget.ts).
 */
const BREAKDOWNS = ["", " by=member_gender", " by=member_age", " by=authorized", " by=authorization_type"];

export interface Stats {
  p50: number;
  p95: number;
  max: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Nearest-rank percentile: with 20 samples p95 is the 19th smallest. */
export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error("no samples");
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] as number;
  return { p50: at(50), p95: at(95), max: s[s.length - 1] as number };
}

export interface Bot {
  eventsUrl: string;
  child: ChildProcess;
}

/** The Placewise simulator in a process of its own, as the real API is outside the bot. */
export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
}

/** Reads the first stdout line of a child that prints one line once it is ready. */
export function firstLine(child: ChildProcess, what: string, timeoutMs = 30_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    child.once("exit", (code) => reject(new Error(`${what} exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (l) => {
      clearTimeout(timer);
      resolve(l);
    });
  });
}

/** `offer-digest simulator --port 0 --latency MS` in its own process; its first line names the URL. */
export async function startSimulatorProcess(latencyMs: number): Promise<SimulatorProcess> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = spawn(
    process.execPath,
    [join(here, "..", "bin", "offer-digest.js"), "simulator", "--port", "0", "--latency", String(latencyMs)],
    { env: { PATH: process.env.PATH }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = await firstLine(child, "the Placewise simulator");
  const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
  if (url === undefined) throw new Error(`the simulator said "${line}", not its URL`);
  // Keep reading its stdout so a full pipe never blocks it.
  child.stdout?.resume();
  return { url, child };
}

/** Environment pointing the bot at a simulator process, as it would point at the real API. */
export function placewiseEnv(sim: SimulatorProcess): Record<string, string> {
  return {
    PLACEWISE_API_URL: sim.url,
    PLACEWISE_USER_TOKEN: SIM_TOKENS.user,
    PLACEWISE_CUSTOMER: `id=${SIM_CLUBS[0]?.id}`,
  };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** `args` after the latency: role, then "unlimited" to switch admission off (bench/flood.ts's baseline). */
export async function startBot(
  emulator: SlackEmulator,
  dir: string,
  opts: { env?: Record<string, string>; args?: readonly string[]; latencyMs?: number } = {},
): Promise<Bot> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    SLACK_BOT_TOKEN: emulator.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: `file:${join(dir, "bench.sqlite")}`,
    PORT: "0",
    ...opts.env,
    ...botEnv(),
  };
  const child = spawn(
    process.execPath,
    [...botCommand(), String(opts.latencyMs ?? PLACEWISE_LATENCY_MS), ...(opts.args ?? [])],
    {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = await firstLine(child, "the bot");
  const { port } = JSON.parse(line) as { port: number };
  return { eventsUrl: `http://127.0.0.1:${port}/slack/events`, child };
}

export function stopBot(bot: Bot): Promise<void> {
  return stopChild(bot.child);
}

interface Round {
  acks: number[];
  digests: number[];
}

/** Fires `texts[i]` from channel `firstChannel + i`, all at once; times each ack and each posted digest. */
async function burst(
  bot: Bot,
  emulator: SlackEmulator,
  texts: readonly string[],
  firstChannel: number,
  expectDigest: boolean,
): Promise<Round> {
  const started = new Map<string, number>();
  const posted = new Map<string, number>();
  let resolveAll = () => {};
  const all = new Promise<void>((resolve) => {
    resolveAll = resolve;
  });
  const ackText = new Map<string, string>();
  const off = emulator.on("message", (m) => {
    if (m.ephemeral || m.thread_ts !== undefined || !started.has(m.channel) || posted.has(m.channel)) return;
    posted.set(m.channel, performance.now());
    if (posted.size === texts.length) resolveAll();
  });
  const acks = await Promise.all(
    texts.map(async (text, i) => {
      const who = { teamId: TEAM, channelId: extraChannelId(firstChannel + i), userId: USERS.creator.id };
      const body = slashCommandBody(who, text, emulator.responseUrl(who.channelId, who.userId));
      const headers = signedHeaders(body, FORM);
      const t0 = performance.now();
      started.set(who.channelId, t0);
      const res = await fetch(bot.eventsUrl, { method: "POST", headers, body });
      ackText.set(who.channelId, (await res.text()).slice(0, 160));
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`ack ${res.status} for "${text}"`);
      return ms;
    }),
  );
  if (expectDigest) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const refused = emulator.calls
          .filter((c) => c.outcome !== "ok")
          .map((c) => `${c.method} ${c.outcome}`);
        const said = [...started.keys()]
          .filter((c) => !posted.has(c))
          .flatMap((c) => [
            `ack: ${ackText.get(c)}`,
            ...emulator.messagesIn(c, { ephemeral: true }).map((m) => m.text.slice(0, 120)),
          ]);
        reject(
          new Error(
            `only ${posted.size} of ${texts.length} digests within 30 s; Slack refused: ${refused.join(", ") || "nothing"}; the others were told: ${said.join(" | ") || "nothing"}`,
          ),
        );
      }, 30_000);
    });
    await Promise.race([all, timeout]).finally(() => clearTimeout(timer));
  }
  off();
  const digests = [...posted].map(([channel, at]) => at - (started.get(channel) as number));
  return { acks, digests };
}

function row(label: string, s: Stats, target: string): string {
  return `| ${label} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.max.toFixed(0)} | ${target} |`;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function results(prefix: string, s: Stats, extra: Record<string, unknown>): BenchResult[] {
  return [
    { name: `${prefix}.p50_ms`, unit: "ms", value: r1(s.p50), ...extra },
    { name: `${prefix}.p95_ms`, unit: "ms", value: r1(s.p95), ...extra },
    { name: `${prefix}.max_ms`, unit: "ms", value: r1(s.max), ...extra },
  ];
}

interface Measured {
  /** 1-minute load average before and after: on a shared 2-core machine other work moves these numbers. */
  load: [number, number];
  help: Stats;
  solo: Stats;
  ack: Stats;
  digest: Stats;
  ackDistinct: Stats;
  digestDistinct: Stats;
  /** The bot's CPU time per digest (all threads), same words and different filters. */
  cpuPerDigestMs: { same: number; distinct: number };
}

/**
 * CPU time the bot's process has used (all its threads: main, render threads, libuv), in ms, from
 * /proc (utime + stime, in clock ticks of 10 ms). Unlike the wall times, it hardly moves when other
 * processes share the cores.
 */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Reports alone, one after another: what one digest costs when nothing else runs. */
const SOLO = 5;
/** Warm-up 1, solo 5, same words 30, different filters 2×30; help posts nothing and reuses channels. */
const CHANNELS_NEEDED = 1 + SOLO + CONCURRENCY * (1 + ROUNDS);

async function measure(bot: Bot, emulator: SlackEmulator): Promise<Measured> {
  const loadBefore = loadavg()[0] as number;
  // Every report gets a channel of its own, so none waits for the pacer's 1.1 s between two posts.
  let nextChannel = 0;
  const send = async (texts: readonly string[], digest: boolean) => {
    const first = nextChannel;
    if (digest) nextChannel += texts.length;
    return burst(bot, emulator, texts, first, digest);
  };
  const repeat = (text: string) => Array<string>(CONCURRENCY).fill(text);
  // Warm-up outside the measured rounds (the first chart render loads Vega and fonts, ~0.5 s; the
  // first requests open connections), with other words so the measured report meets a cold cache.
  await send(["report last 7d interval=1d offer_type=birthday"], true);
  await send(repeat("help"), false);

  const help: number[] = [];
  for (let r = 0; r < ROUNDS; r++) help.push(...(await send(repeat("help"), false)).acks);
  const solo: number[] = [];
  for (let i = 0; i < SOLO; i++)
    solo.push(...(await send([`report ${WORDS} store_id=${i + 1}`], true)).digests);
  // The exact contract words once: a second round would be served from the client's cache.
  await pause(REFILL_MS);
  const pid = bot.child.pid;
  const cpuBeforeSame = cpuMs(pid);
  const same = await send(repeat(`report ${WORDS}`), true);
  const sameCpu = (cpuMs(pid) - cpuBeforeSame) / CONCURRENCY;
  const distinct: Round = { acks: [], digests: [] };
  let distinctCpu = 0;
  for (let r = 0; r < ROUNDS; r++) {
    await pause(REFILL_MS);
    const texts = Array.from({ length: CONCURRENCY }, (_, i) => {
      const by = BREAKDOWNS[Math.floor(i / OFFER_TYPES.length)] as string;
      return `report last ${24 + r}h interval=1h offer_type=${OFFER_TYPES[i % OFFER_TYPES.length]}${by}`;
    });
    const before = cpuMs(pid);
    const round = await send(texts, true);
    distinctCpu += (cpuMs(pid) - before) / (CONCURRENCY * ROUNDS);
    distinct.acks.push(...round.acks);
    distinct.digests.push(...round.digests);
  }
  return {
    load: [loadBefore, loadavg()[0] as number],
    help: stats(help),
    solo: stats(solo),
    ack: stats(same.acks),
    digest: stats(same.digests),
    ackDistinct: stats(distinct.acks),
    digestDistinct: stats(distinct.digests),
    cpuPerDigestMs: { same: sameCpu, distinct: distinctCpu },
  };
}

function section(s: Measured): BenchSection {
  const ackPass = s.ack.p95 < TARGET_ACK_P95_MS && s.ackDistinct.p95 < TARGET_ACK_P95_MS;
  const load = s.load.map((l) => l.toFixed(1));
  const base = { concurrency: CONCURRENCY, placewiseLatencyMs: PLACEWISE_LATENCY_MS, loadAverage1m: load[0] };
  const markdown = [
    `${CONCURRENCY} signed slash commands sent at once to POST /slack/events of the bot (its own process, role "all", HTTP mode with the real Bolt app, SQLite), one channel each; the built-in Placewise simulator answers after ${PLACEWISE_LATENCY_MS} ms; the Slack Web API is the loopback emulator in the benchmark process, with Slack's limits on (posts 1/s per channel, the methods' tiers and bursts). The bot runs compiled (\`npm run build\`), as in production. Ack = HTTP response time of /slack/events; digest = from sending the command until chat.postMessage stored the digest (chart uploaded and referenced by file id).`,
    "",
    "| measure | p50 ms | p95 ms | max ms | target |",
    "|---|---|---|---|---|",
    row(`ack \`/offers help\`, ${ROUNDS}×${CONCURRENCY} (baseline: no work)`, s.help, "-"),
    row(`digest posted, one report alone (${SOLO} in a row; baseline)`, s.solo, "-"),
    row(`ack \`/offers report ${WORDS}\`, ${CONCURRENCY} at once`, s.ack, `p95 < ${TARGET_ACK_P95_MS}`),
    row(`digest posted, same ${CONCURRENCY}`, s.digest, `p95 < ${TARGET_DIGEST_MS}`),
    row(
      `ack, ${ROUNDS}×${CONCURRENCY} reports with different filters`,
      s.ackDistinct,
      `p95 < ${TARGET_ACK_P95_MS}`,
    ),
    row(
      `digest posted, ${ROUNDS}×${CONCURRENCY} different filters`,
      s.digestDistinct,
      `p95 < ${TARGET_DIGEST_MS}`,
    ),
    "",
    `Ack target ${ackPass ? "met" : "MISSED"}; digest target with the same words ${s.digest.p95 < TARGET_DIGEST_MS ? "met" : "MISSED"}, with different filters ${s.digestDistinct.p95 < TARGET_DIGEST_MS ? "met" : "MISSED"}. ` +
      `The report adds ${(s.ack.p50 - s.help.p50).toFixed(0)} ms to the median ack over the help baseline ` +
      `(${(s.ackDistinct.p50 - s.help.p50).toFixed(0)} ms with different filters): its words are parsed and checked before the ack, ` +
      "everything else runs after it, while the other commands' charts are rendering. " +
      `With the same words the ${CONCURRENCY} commands share the Placewise fetches (the client coalesces identical requests) and the chart's drawing (charts/renderer.ts); ` +
      "with different filters each fetches its own numbers and draws its own chart. Each uploads its own file either way; the uploads take Tier 4's burst (40 at once, rate-gate.ts), " +
      `and the rounds that post are ${REFILL_MS / 1000} s apart so each meets a refilled burst, as two separate moments would.`,
    "",
    `The digests are CPU-bound: one alone is posted in ${s.solo.p50.toFixed(0)} ms; the bot's process spent ${s.cpuPerDigestMs.same.toFixed(0)} ms of CPU per digest with the same words and ${s.cpuPerDigestMs.distinct.toFixed(0)} ms with different filters (all its threads, the built-in simulator's answers included), so ${CONCURRENCY} at once need about ${((s.cpuPerDigestMs.distinct * CONCURRENCY) / 2000).toFixed(1)} s of both cores with different filters; ${CONCURRENCY} at once share the 2 cores (the bot's main thread: Bolt, Placewise JSON, the report, the Slack calls; its render threads: Vega and the PNG). The built-in simulator runs ` +
      `inside the bot's process here and adds its own CPU; a real Placewise does not. 1-minute load average: ${load[0]} before, ${load[1]} after ` +
      "(on 2 cores anything above 2 means other processes took CPU from this run).",
  ].join("\n");
  return {
    title: `Slack: ack latency and time to digest under ${CONCURRENCY} concurrent /offers report`,
    markdown,
    results: [
      ...results("slack.ack.help", s.help, { ...base, baseline: true }),
      ...results("slack.digest.solo", s.solo, { ...base, baseline: true, samples: SOLO }),
      { name: "slack.cpu_per_digest.same_ms", unit: "ms", value: r1(s.cpuPerDigestMs.same), ...base },
      { name: "slack.cpu_per_digest.distinct_ms", unit: "ms", value: r1(s.cpuPerDigestMs.distinct), ...base },
      ...results("slack.ack", s.ack, {
        ...base,
        target: TARGET_ACK_P95_MS,
        pass: s.ack.p95 < TARGET_ACK_P95_MS,
        baselineP50: r1(s.help.p50),
      }),
      ...results("slack.digest", s.digest, {
        ...base,
        target: TARGET_DIGEST_MS,
        pass: s.digest.p95 < TARGET_DIGEST_MS,
      }),
      ...results("slack.ack.distinct", s.ackDistinct, {
        ...base,
        target: TARGET_ACK_P95_MS,
        pass: s.ackDistinct.p95 < TARGET_ACK_P95_MS,
      }),
      ...results("slack.digest.distinct", s.digestDistinct, {
        ...base,
        target: TARGET_DIGEST_MS,
        pass: s.digestDistinct.p95 < TARGET_DIGEST_MS,
      }),
    ],
  };
}

export const benchmark: Benchmark = {
  id: "slack",
  async run(): Promise<BenchSection> {
    const dir = mkdtempSync(join(tmpdir(), "offer-digest-bench-"));
    const emulator = await startWorkspace(systemClock, CHANNELS_NEEDED, { limits: true });
    let bot: Bot | null = null;
    try {
      bot = await startBot(
        emulator,
        dir,
        process.env.XRC ? { env: { REPORT_CONCURRENCY: process.env.XRC } } : {},
      );
      return section(await measure(bot, emulator));
    } finally {
      if (bot !== null) await stopBot(bot);
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

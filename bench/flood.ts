/**
 * 200 `/offers report last 90d interval=1h by=member_gender` at once (issue 10, item 3), as signed
 * slash commands to the bot in its own process (bench/slack.ts's set-up: role "all", HTTP mode, the
 * real Bolt app, SQLite, the Slack Web API emulated in this process). The Placewise simulator runs in
 * a third process answering after 50 ms, as the real API is not inside the bot: in the bot's process
 * it would take CPU from the bot's one thread that production never spends. One channel each, so
 * Slack's one-post-a-second pace does not hide the bot.
 *
 * Two kinds of ack: the 200 report commands themselves, and PROBES probe commands (`/offers help`
 * and `/offers list` in turn) sent one every 250 ms once the 200 are acknowledged, i.e. while they
 * are queued or running: the acks other people get during the flood (the "acks while 200
 * reports are queued"). The bot samples its event-loop delay (BENCH_LOOP_DELAY_FILE, see
 * slack-bot.ts) over the flood and probes, and until the last digest.
 *
 * Three bots, each fresh, in the same run:
 * - baseline: admission off (every report fetching and rendering at once, as before admission);
 * - queued: REPORT_CONCURRENCY=4, REPORT_QUEUE=200, so all 200 wait their turn (the target: acks
 *   under 300 ms p95 while 200 reports are queued);
 * - defaults: 4 at once, 50 waiting; the other 146 are told "busy" in their ack.
 * FLOOD_SETUPS=queued,defaults runs only those (a quick look while changing the bot; the full run
 * keeps the baseline). Memory is the bot's resident set from /proc (Linux): before the flood (after one warm-up report),
 * its peak (VmHWM), and 10 s after the last digest.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { SlackEmulator } from "../src/local/slack-emulator/index.ts";
import { systemClock } from "../src/util/clock.ts";
import { FORM, signedHeaders, slashCommandBody } from "../test/slack/support/requests.ts";
import { extraChannelId, startWorkspace, TEAM, USERS } from "../test/slack/support/workspace.ts";
import {
  type Bot,
  placewiseEnv,
  type Stats,
  startBot,
  startSimulatorProcess,
  stats,
  stopBot,
  stopChild,
} from "./slack.ts";
import type { Benchmark, BenchResult, BenchSection } from "./types.ts";

const FLOOD = 200;
const WORDS = "report last 90d interval=1h by=member_gender";
const TARGET_ACK_P95_MS = 300;
const SETTLE_MS = 10_000;
const PROBES = 20;
const PROBE_EVERY_MS = 250;
const PROBE_WORDS = ["help", "list"] as const;
const PLACEWISE_LATENCY_MS = 50;
/**
 * Without admission 200 charts of 2160 hourly buckets share one thread; what has not come by then is
 * counted as unfinished rather than waited for.
 */
const LAST_DIGEST_TIMEOUT_MS = 120_000;

interface Setup {
  readonly id: "baseline" | "queued" | "defaults";
  readonly label: string;
  readonly env: Record<string, string>;
  readonly args: readonly string[];
}

const SETUPS: readonly Setup[] = [
  { id: "baseline", label: "admission off (baseline)", env: {}, args: ["all", "unlimited"] },
  {
    id: "queued",
    label: "4 at once, 200 waiting",
    env: { REPORT_CONCURRENCY: "4", REPORT_QUEUE: "200" },
    args: [],
  },
  { id: "defaults", label: "defaults: 4 at once, 50 waiting", env: {}, args: [] },
];

/** Event-loop delay of one window, in ms (see slack-bot.ts). */
interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  /** Peak V8 heap in use on the bot's main thread, and peak external + array buffers, in MB. */
  heapPeakMb: number;
  externalPeakMb: number;
}

interface Flooded {
  ack: Stats;
  probe: Stats;
  /** Digests (or error answers) already out when the last probe was answered: the rest were queued. */
  doneAtProbesEnd: number;
  /** The bot's event-loop delay during the flood and probes, and from then until the last digest. */
  botLoop: { flood: LoopDelay; rest: LoopDelay } | null;
  /** This process's (the load generator's) loop delay over the same time: what it adds to the figures. */
  benchLoopMax: number;
  busy: number;
  /** Acks answered with an HTTP error instead of 200. */
  lostAcks: number;
  digests: number;
  /** Reports answered with an error instead of a digest (Slack or Placewise gave up under the load). */
  failed: number;
  /** Neither posted nor answered within the timeout. */
  unfinished: number;
  lastDigestMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssSettledMb: number;
}

/** Resident set and its peak of a process, in MB, from /proc (Linux only). */
function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

async function command(bot: Bot, emulator: SlackEmulator, channel: number, text: string) {
  const who = { teamId: TEAM, channelId: extraChannelId(channel), userId: USERS.creator.id };
  const body = slashCommandBody(who, text, emulator.responseUrl(who.channelId, who.userId));
  const t0 = performance.now();
  const res = await fetch(bot.eventsUrl, { method: "POST", headers: signedHeaders(body, FORM), body });
  const answer = await res.text();
  // A non-200 (408 when the server gave up waiting) is an ack Slack never got: counted, timed, kept.
  return {
    ms: performance.now() - t0,
    busy: answer.includes("busy with other reports"),
    lost: res.status !== 200,
  };
}

/**
 * Watches channels `from`..`upTo - 1`: a top-level message is the digest, an ephemeral one after the
 * ack an error answer. `until(n)` waits until n channels have one or the other, or the timeout.
 */
function digestsIn(emulator: SlackEmulator, from: number, upTo: number) {
  const posted = new Map<string, number>();
  const failed = new Set<string>();
  const channels = new Set(Array.from({ length: upTo - from }, (_, i) => extraChannelId(from + i)));
  const off = emulator.on("message", (m) => {
    if (m.thread_ts !== undefined || !channels.has(m.channel) || posted.has(m.channel)) return;
    if (m.ephemeral) failed.add(m.channel);
    else posted.set(m.channel, performance.now());
  });
  const until = async (count: number): Promise<void> => {
    const deadline = performance.now() + LAST_DIGEST_TIMEOUT_MS;
    while (posted.size + failed.size < count && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { posted, failed, until, off };
}

/** PROBES commands that do no report work, one every PROBE_EVERY_MS without waiting for answers. */
async function probe(bot: Bot, emulator: SlackEmulator): Promise<number[]> {
  const sent: Array<Promise<{ ms: number; lost: boolean }>> = [];
  for (let i = 0; i < PROBES; i++) {
    sent.push(command(bot, emulator, 0, PROBE_WORDS[i % PROBE_WORDS.length] as string));
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  const answered = await Promise.all(sent);
  if (answered.some((a) => a.lost)) throw new Error("a probe command was not answered 200");
  return answered.map((a) => a.ms);
}

/** Asks the bot for its loop delay since the last call (SIGUSR2) and reads the line it appends. */
async function loopWindow(bot: Bot, file: string, lines: number): Promise<LoopDelay | null> {
  bot.child.kill("SIGUSR2");
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const all = existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
    if (all.length >= lines) return JSON.parse(all[lines - 1] as string) as LoopDelay;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

async function flood(setup: Setup, emulator: SlackEmulator, dir: string): Promise<Flooded> {
  const own = join(dir, setup.id);
  mkdirSync(own);
  const delayFile = join(own, "loop-delay.jsonl");
  const sim = await startSimulatorProcess(PLACEWISE_LATENCY_MS);
  const bot = await startBot(emulator, own, {
    env: { ...setup.env, ...placewiseEnv(sim), BENCH_LOOP_DELAY_FILE: delayFile },
    args: setup.args,
  }).catch(async (e) => {
    await stopChild(sim.child);
    throw e;
  });
  const benchLoop = monitorEventLoopDelay({ resolution: 10 });
  try {
    const pid = bot.child.pid as number;
    // Warm-up in channel 0 (Vega, fonts, connections), then the flood in channels 1..200.
    const warm = digestsIn(emulator, 0, 1);
    await command(bot, emulator, 0, "report last 7d interval=1d");
    await warm.until(1);
    warm.off();
    const before = rss(pid).now;
    await loopWindow(bot, delayFile, 1);
    benchLoop.enable();
    const watch = digestsIn(emulator, 1, FLOOD + 1);
    const t0 = performance.now();
    const acks = await Promise.all(
      Array.from({ length: FLOOD }, (_, i) => command(bot, emulator, i + 1, WORDS)),
    );
    const probes = await probe(bot, emulator);
    const doneAtProbesEnd = watch.posted.size + watch.failed.size;
    const floodLoop = await loopWindow(bot, delayFile, 2);
    benchLoop.disable();
    const busy = acks.filter((a) => a.busy).length;
    await watch.until(FLOOD - busy);
    const restLoop = await loopWindow(bot, delayFile, 3);
    const last = Math.max(0, ...watch.posted.values()) - t0;
    const failed = watch.failed.size;
    const unfinished = FLOOD - busy - watch.posted.size - failed;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    watch.off();
    const after = rss(pid);
    return {
      ack: stats(acks.map((a) => a.ms)),
      probe: stats(probes),
      doneAtProbesEnd,
      botLoop: floodLoop && restLoop ? { flood: floodLoop, rest: restLoop } : null,
      benchLoopMax: benchLoop.max / 1e6,
      busy,
      lostAcks: acks.filter((a) => a.lost).length,
      digests: watch.posted.size,
      failed,
      unfinished,
      lastDigestMs: last,
      rssBeforeMb: before,
      rssPeakMb: after.peak,
      rssSettledMb: after.now,
    };
  } finally {
    await stopBot(bot);
    await stopChild(sim.child);
  }
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function section(measured: ReadonlyArray<[Setup, Flooded]>, load: [number, number]): BenchSection {
  const results: BenchResult[] = [];
  const rows: string[] = [];
  for (const [setup, f] of measured) {
    const prefix = setup.id === "queued" ? "flood" : `flood.${setup.id}`;
    const extra = {
      flood: FLOOD,
      words: WORDS,
      setup: setup.label,
      ...(setup.id === "baseline" ? { baseline: true } : {}),
    };
    const target =
      setup.id === "queued" ? { target: TARGET_ACK_P95_MS, pass: f.ack.p95 < TARGET_ACK_P95_MS } : {};
    const probeTarget =
      setup.id === "queued" ? { target: TARGET_ACK_P95_MS, pass: f.probe.p95 < TARGET_ACK_P95_MS } : {};
    results.push(
      { name: `${prefix}.ack_p50_ms`, unit: "ms", value: r1(f.ack.p50), ...extra },
      { name: `${prefix}.ack_p95_ms`, unit: "ms", value: r1(f.ack.p95), ...extra, ...target },
      { name: `${prefix}.ack_max_ms`, unit: "ms", value: r1(f.ack.max), ...extra },
      { name: `${prefix}.probe_ack_p50_ms`, unit: "ms", value: r1(f.probe.p50), ...extra },
      { name: `${prefix}.probe_ack_p95_ms`, unit: "ms", value: r1(f.probe.p95), ...extra, ...probeTarget },
      { name: `${prefix}.probe_ack_max_ms`, unit: "ms", value: r1(f.probe.max), ...extra },
      { name: `${prefix}.done_when_probes_ended`, unit: "count", value: f.doneAtProbesEnd, ...extra },
      ...(f.botLoop === null
        ? []
        : [
            { name: `${prefix}.loop_delay_p99_ms`, unit: "ms", value: f.botLoop.flood.p99, ...extra },
            { name: `${prefix}.loop_delay_max_ms`, unit: "ms", value: f.botLoop.flood.max, ...extra },
            { name: `${prefix}.loop_delay_rest_max_ms`, unit: "ms", value: f.botLoop.rest.max, ...extra },
            {
              name: `${prefix}.main_heap_peak_mb`,
              unit: "MB",
              value: Math.max(f.botLoop.flood.heapPeakMb, f.botLoop.rest.heapPeakMb),
              ...extra,
            },
          ]),
      { name: `${prefix}.bench_loop_delay_max_ms`, unit: "ms", value: r1(f.benchLoopMax), ...extra },
      { name: `${prefix}.busy`, unit: "count", value: f.busy, ...extra },
      { name: `${prefix}.acks_not_200`, unit: "count", value: f.lostAcks, ...extra },
      { name: `${prefix}.digests`, unit: "count", value: f.digests, ...extra },
      { name: `${prefix}.failed`, unit: "count", value: f.failed, ...extra },
      { name: `${prefix}.unfinished`, unit: "count", value: f.unfinished, ...extra },
      { name: `${prefix}.last_digest_ms`, unit: "ms", value: Math.round(f.lastDigestMs), ...extra },
      { name: `${prefix}.rss_before_mb`, unit: "MB", value: r1(f.rssBeforeMb), ...extra },
      { name: `${prefix}.rss_peak_mb`, unit: "MB", value: r1(f.rssPeakMb), ...extra },
      { name: `${prefix}.rss_settled_mb`, unit: "MB", value: r1(f.rssSettledMb), ...extra },
    );
    const loop =
      f.botLoop === null ? "-" : `${f.botLoop.flood.p99} / ${f.botLoop.flood.max} / ${f.botLoop.rest.max}`;
    const heap =
      f.botLoop === null ? "-" : Math.max(f.botLoop.flood.heapPeakMb, f.botLoop.rest.heapPeakMb).toFixed(0);
    rows.push(
      `| ${setup.label} | ${f.ack.p50.toFixed(0)} | ${f.ack.p95.toFixed(0)} | ${f.ack.max.toFixed(0)} | ${f.probe.p50.toFixed(0)} | ${f.probe.p95.toFixed(0)} | ${f.probe.max.toFixed(0)} | ${f.doneAtProbesEnd} | ${loop} | ${f.benchLoopMax.toFixed(0)} | ${f.lostAcks} | ${f.busy} | ${f.digests} | ${f.failed} | ${f.unfinished} | ${(f.lastDigestMs / 1000).toFixed(1)} | ${f.rssBeforeMb.toFixed(0)} / ${f.rssPeakMb.toFixed(0)} / ${f.rssSettledMb.toFixed(0)} | ${heap} |`,
    );
  }
  const queued = measured.find(([s]) => s.id === "queued")?.[1];
  const pass = queued !== undefined && queued.ack.p95 < TARGET_ACK_P95_MS;
  const probePass = queued !== undefined && queued.probe.p95 < TARGET_ACK_P95_MS;
  const markdown = [
    `${FLOOD} signed \`/offers ${WORDS}\` sent at once to the bot (its own process, role "all", HTTP mode, real Bolt app, SQLite, Slack Web API emulated in the benchmark process), one channel each; the Placewise simulator in a third process (\`offer-digest simulator\`) answering after ${PLACEWISE_LATENCY_MS} ms. Then ${PROBES} probes (\`/offers help\` and \`/offers list\` in turn), one every ${PROBE_EVERY_MS} ms, while the reports are queued. Each setup is a fresh bot and simulator, warmed up with one report. Ack = HTTP response time of /slack/events; done at probes' end = digests or error answers out when the last probe was answered (the others were still queued or running); loop delay = the bot's event-loop delay (perf_hooks, 10 ms resolution) p99 / max during flood + probes, and max from then until the last digest; bench loop max = this load generator's own worst delay (what it may add to the acks); last digest = from sending the flood until the last chat.postMessage; RSS from /proc: before the flood, peak, and ${SETTLE_MS / 1000} s after the last digest. Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}.`,
    "",
    `| setup | ack p50 ms | ack p95 ms | ack max ms | probe ack p50 ms | probe ack p95 ms | probe ack max ms | done at probes' end | bot loop delay p99 / max / rest max ms | bench loop max ms | acks not 200 | busy | digests | error answers | unfinished after ${LAST_DIGEST_TIMEOUT_MS / 1000} s | last digest s | RSS before / peak / settled MB | main-thread heap peak MB |`,
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `Target: ack p95 under ${TARGET_ACK_P95_MS} ms while 200 reports are queued: probes ${probePass ? "met" : "MISSED"}, the 200 report acks ${pass ? "met" : "MISSED"}. 1-minute load average ${load[0].toFixed(1)} before, ${load[1].toFixed(1)} after (2 cores: above 2 means other processes took CPU from this run).`,
  ].join("\n");
  return { title: `Flood: ${FLOOD} concurrent /offers report with and without admission`, markdown, results };
}

export const benchmark: Benchmark = {
  id: "flood",
  async run(): Promise<BenchSection> {
    const dir = mkdtempSync(join(tmpdir(), "offer-digest-flood-"));
    const loadBefore = loadavg()[0] as number;
    const measured: Array<[Setup, Flooded]> = [];
    try {
      const only = process.env.FLOOD_SETUPS?.split(",");
      for (const setup of SETUPS.filter((s) => only === undefined || only.includes(s.id))) {
        // A fresh emulator per bot: 200 stored digests with charts would otherwise add up here.
        const emulator = await startWorkspace(systemClock, FLOOD + 1);
        try {
          measured.push([setup, await flood(setup, emulator, dir)]);
        } finally {
          await emulator.close();
        }
        console.log(`  ${setup.id} done`);
      }
      return section(measured, [loadBefore, loadavg()[0] as number]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * The trickle attack on POST /slack/events (issue 10, item 5): 50 connections without Slack's
 * signature each declare a 3.9 MB body and send it slowly. Measured on the server, in its own
 * process: RSS growth over its idle RSS (peak, sampled every 100 ms) and how long each socket was
 * held (from connecting until the server answered or closed it). Baseline in the same run: Bolt's
 * own HTTPReceiver listener on a Node server with default timeouts, as the bot served it before.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Benchmark, BenchResult, BenchSection } from "./types.ts";

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 50;
const BODY_BYTES = 3.9 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
/** 64 KiB every 250 ms: the 3.9 MB body takes about 15 s per connection. */
const CHUNK_EVERY_MS = 250;
/** The bench stops waiting after this; a socket still open then counts as held this long (or more). */
const OBSERVE_MS = 30_000;

interface Server {
  proc: ChildProcessWithoutNullStreams;
  port: number;
  rss(): Promise<number>;
}

async function startServer(mode: "edge" | "bolt"): Promise<Server> {
  const proc = spawn(process.execPath, ["--import", "tsx", join(here, "edge-server.ts"), mode], {
    cwd: join(here, ".."),
  });
  const waiting: Array<(line: string) => void> = [];
  const lines = createInterface({ input: proc.stdout });
  lines.on("line", (l) => waiting.shift()?.(l));
  const next = () => new Promise<string>((r) => waiting.push(r));
  const port = Number((await next()).slice("port ".length));
  return {
    proc,
    port,
    rss: async () => {
      const line = next();
      proc.stdin.write("rss\n");
      return Number((await line).slice("rss ".length));
    },
  };
}

/** One unsigned request trickling its body; resolves with the ms the server held the socket. */
function trickle(port: number): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, "127.0.0.1");
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(timer);
      socket.destroy();
      resolve(performance.now() - started);
    };
    socket.on("error", finish);
    socket.on("data", finish);
    socket.on("close", finish);
    const deadline = setTimeout(finish, OBSERVE_MS);
    socket.on("close", () => clearTimeout(deadline));
    socket.on("connect", () => {
      socket.write(
        `POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${Math.floor(BODY_BYTES)}\r\n\r\n`,
      );
      timer = setInterval(() => {
        const n = Math.min(CHUNK_BYTES, BODY_BYTES - sent);
        if (n <= 0 || socket.destroyed) return clearInterval(timer);
        socket.write(Buffer.alloc(n, "a"));
        sent += n;
      }, CHUNK_EVERY_MS);
    });
  });
}

interface Run {
  rssGrowthMB: number;
  heldMedianMs: number;
  heldMaxMs: number;
}

async function attack(mode: "edge" | "bolt"): Promise<Run> {
  const server = await startServer(mode);
  try {
    const idle = await server.rss();
    let peak = idle;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await server.rss());
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const held = await Promise.all(Array.from({ length: CONNECTIONS }, () => trickle(server.port)));
    sampling = false;
    await sampler;
    const sorted = held.sort((a, b) => a - b);
    return {
      rssGrowthMB: (peak - idle) / 2 ** 20,
      heldMedianMs: sorted[Math.floor(sorted.length / 2)] as number,
      heldMaxMs: sorted[sorted.length - 1] as number,
    };
  } finally {
    server.proc.kill();
  }
}

export const benchmark: Benchmark = {
  id: "edge",
  async run(): Promise<BenchSection> {
    const bolt = await attack("bolt");
    const edge = await attack("edge");
    const results: BenchResult[] = [
      { name: "edge.trickle.rss_growth", unit: "MB", value: edge.rssGrowthMB, baseline: bolt.rssGrowthMB },
      { name: "edge.trickle.held_median", unit: "ms", value: edge.heldMedianMs, baseline: bolt.heldMedianMs },
      { name: "edge.trickle.held_max", unit: "ms", value: edge.heldMaxMs, baseline: bolt.heldMaxMs },
    ];
    const f = (n: number) => n.toFixed(1);
    const s = (ms: number) => `${(ms / 1000).toFixed(ms < 1000 ? 3 : 1)} s${ms >= OBSERVE_MS ? "+" : ""}`;
    const markdown = [
      `${CONNECTIONS} unsigned connections, each declaring ${f(BODY_BYTES / 2 ** 20)} MB and sending ${CHUNK_BYTES / 1024} KiB every ${CHUNK_EVERY_MS} ms (observed up to ${OBSERVE_MS / 1000} s).`,
      "",
      "| server | RSS growth (peak) | socket held, median | socket held, max |",
      "|---|---|---|---|",
      `| Bolt listener, Node defaults (baseline) | ${f(bolt.rssGrowthMB)} MB | ${s(bolt.heldMedianMs)} | ${s(bolt.heldMaxMs)} |`,
      `| edge gate + 10 s timeouts | ${f(edge.rssGrowthMB)} MB | ${s(edge.heldMedianMs)} | ${s(edge.heldMaxMs)} |`,
    ].join("\n");
    return { title: "HTTP edge: unsigned trickle", markdown, results };
  },
};

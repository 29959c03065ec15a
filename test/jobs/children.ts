/** Starts worker-child.ts processes and talks to them line by line (see the protocol there). */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const ROOT = resolve(import.meta.dirname, "../..");
const CHILD = join(ROOT, "test", "jobs", "fixtures", "worker-child.ts");

export interface WorkerChild {
  readonly process: ChildProcessWithoutNullStreams;
  /** The next output line starting with `prefix` (lines already read are not searched again). */
  next(prefix: string): Promise<string>;
  /** Sends `tick <ms>` and resolves when the runs it started have finished. */
  tick(ms: number): Promise<void>;
  /** Sends `tick <ms>` and resolves once the tick has claimed (runs still in flight). */
  claim(ms: number): Promise<{ claimed: number; skipped: number; takenOver: number }>;
  stop(): Promise<number | null>;
  /** The exit code, or null when killed by a signal. */
  readonly exited: Promise<number | null>;
  stderr(): string;
}

export async function startChild(env: Record<string, string>): Promise<WorkerChild> {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs node as a grandchild, and a
  // SIGKILL sent to the CLI would leave that grandchild running.
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let err = "";
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const lines: string[] = [];
  const waiting: Array<{ prefix: string; resolve: (l: string) => void; reject: (e: Error) => void }> = [];
  let closed = false;
  const exited = new Promise<number | null>((r) => {
    child.on("close", (code) => {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(new Error(`worker child exited ${code}: ${err}`));
      r(code);
    });
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    const i = waiting.findIndex((w) => line.startsWith(w.prefix));
    if (i === -1) lines.push(line);
    else waiting.splice(i, 1)[0]?.resolve(line);
  });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const i = lines.findIndex((l) => l.startsWith(prefix));
      if (i !== -1) return resolve(lines.splice(i, 1)[0] as string);
      if (closed) return reject(new Error(`worker child has exited: ${err}`));
      waiting.push({ prefix, resolve, reject });
    });
  await next("ready");
  return {
    process: child,
    next,
    exited,
    stderr: () => err,
    tick: async (ms) => {
      child.stdin.write(`tick ${ms}\n`);
      await next(`idle ${ms}`);
    },
    claim: async (ms) => {
      child.stdin.write(`tick ${ms}\n`);
      const line = await next(`claimed ${ms} `);
      return JSON.parse(line.slice(`claimed ${ms} `.length));
    },
    stop: async () => {
      child.stdin.write("stop\n");
      return exited;
    },
  };
}

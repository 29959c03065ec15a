/** Starts fixtures/runtime-child.ts processes: whole runtimes that a test may SIGKILL. */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

const ROOT = resolve(import.meta.dirname, "../..");
const CHILD = join(ROOT, "test", "jobs", "fixtures", "runtime-child.ts");

export interface RuntimeChild {
  readonly process: ChildProcessWithoutNullStreams;
  /** The web port, 0 for a worker. */
  readonly port: number;
  /** The exit code, or null when killed by a signal. */
  readonly exited: Promise<number | null>;
  stderr(): string;
  /** Asks it to stop (SIGTERM's path: hand back, close) and waits for the exit. */
  stop(): Promise<number | null>;
  /** kill -9: nothing is handed back, nothing is closed. */
  kill(): Promise<number | null>;
}

export async function startRuntimeChild(env: Record<string, string>): Promise<RuntimeChild> {
  // node itself with tsx's loader: a SIGKILL then reaches the process that holds the work.
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
  });
  let err = "";
  child.stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  const port = await new Promise<number>((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.startsWith("ready ")) resolveReady(Number(line.slice(6)));
    });
    void exited.then((code) => reject(new Error(`runtime child exited ${code} before ready: ${err}`)));
  });
  return {
    process: child,
    port,
    exited,
    stderr: () => err,
    stop: async () => {
      child.stdin.write("stop\n");
      return exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      return exited;
    },
  };
}

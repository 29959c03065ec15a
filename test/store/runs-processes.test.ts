import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { listRuns } from "../../src/store/runs.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { subscription } from "./fixtures.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const WORKER = join(ROOT, "test", "store", "claim-worker.ts");

// better-sqlite3 is synchronous, so two connections in one process never truly race; separate
// processes do (and PostgreSQL sees real concurrent sessions either way). 3 processes × 100 minutes
// race for about a second once their ~1 s start-up is over.
const PROCESSES = 3;
const MINUTES = 100;

/** Starts a worker; resolves `ready` when it has opened the database, `done` with what it printed after. */
function startWorker(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  done: Promise<string>;
} {
  const child = spawn(TSX, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "" } });
  let out = "";
  let err = "";
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    onReady = r;
  });
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith("ready\n")) onReady();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const done = new Promise<string>((resolveDone, reject) => {
    child.on("close", (code) => {
      onReady(); // a worker that died before "ready" must not leave the barrier waiting
      if (code === 0) resolveDone(out.slice("ready\n".length));
      else reject(new Error(`worker exited ${code}: ${err}`));
    });
  });
  return { child, ready, done };
}

describe.each(targets)("delivery runs across processes on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);

    it("worker processes racing over the same minutes deliver each minute exactly once", async () => {
      const team = newTeam();
      const s = await subscription(store.database.db, team);
      const args = [WORKER, store.url, team, String(s.id), String(NOW), String(MINUTES)];
      const workers = Array.from({ length: PROCESSES }, () => startWorker(args));
      // A barrier instead of a sleep: every process has its connection open before any claims.
      await Promise.all(workers.map((w) => w.ready));

      for (const w of workers) w.child.stdin.end("go\n");
      const outputs = await Promise.all(workers.map((w) => w.done));
      const won = outputs.flatMap((o) => JSON.parse(o) as number[]);
      expect(won).toHaveLength(MINUTES);
      expect(new Set(won).size).toBe(MINUTES);
      const runs = await listRuns(store.database.db, team, s.id, 1000);
      expect(runs).toHaveLength(MINUTES);
      expect(runs.every((r) => r.attempts === 1)).toBe(true);
    });
  });
});

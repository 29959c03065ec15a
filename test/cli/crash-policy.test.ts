/**
 * An error nobody caught: a stray rejected promise or a connection's own error is logged and the
 * server keeps answering; any other uncaught exception is logged and the process exits 1 so it is
 * restarted clean. Run in a child process, since the policy is about the process itself.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, expect, test } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const CHILD = join(ROOT, "test", "cli", "fixtures", "crash-child.ts");

interface Child {
  proc: ChildProcessWithoutNullStreams;
  port: number;
  out(): string;
  exited: Promise<number | null>;
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

async function start(): Promise<Child> {
  const proc = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "" },
  });
  children.push(proc);
  let out = "";
  proc.stderr.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((r) => proc.on("close", (code) => r(code)));
  const port = await new Promise<number>((ok, fail) => {
    createInterface({ input: proc.stdout }).on("line", (line) => {
      out += `${line}\n`;
      if (line.startsWith("port ")) ok(Number(line.slice(5)));
    });
    exited.then((code) => fail(new Error(`child exited ${code}: ${out}`)));
  });
  return { proc, port, out: () => out, exited };
}

const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);

test("an unhandled rejection is logged and the server keeps answering", async () => {
  const c = await start();
  expect((await get(c.port, "/reject")).status).toBe(200);
  await expect.poll(c.out).toContain("unhandled promise rejection; still serving");
  expect(c.out()).toContain("TypeError: Cannot read properties of null");
  expect((await get(c.port, "/healthz")).status).toBe(200);
  expect(c.proc.exitCode).toBeNull();
});

test("an uncaught connection error (EPIPE) is logged and the server keeps answering", async () => {
  const c = await start();
  await get(c.port, "/reset");
  await expect.poll(c.out).toContain("uncaught connection error; still serving");
  expect((await get(c.port, "/healthz")).status).toBe(200);
  expect(c.proc.exitCode).toBeNull();
});

test("any other uncaught exception is logged and the process exits 1", async () => {
  const c = await start();
  await get(c.port, "/throw").catch(() => null);
  expect(await c.exited).toBe(1);
  // One JSON object a line: the message and the error it names are on the same line.
  const line = c
    .out()
    .split("\n")
    .find((l) => l.includes("uncaught exception; exiting"));
  expect(JSON.parse(line ?? "null")).toMatchObject({
    level: "error",
    msg: "uncaught exception; exiting so the process is restarted clean",
    error: expect.stringMatching(/^TypeError: Cannot set properties of null/),
  });
});

import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SIM_TOKENS } from "../../../src/local/placewise-simulator/index.ts";

const BIN = new URL("../../../bin/offer-digest.js", import.meta.url).pathname;

function start(args: string[]) {
  const child = spawn(process.execPath, [BIN, "simulator", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.on("exit", () => reject(new Error(`simulator exited early: ${out}${err}`)));
  });
  url.catch(() => undefined); // a test that expects an early exit never awaits the URL
  return { child, url, exited, output: () => out, errors: () => err };
}

describe("npx offer-digest simulator", () => {
  it("prints its URL, clubs and tokens, serves queries and exits 0 on SIGTERM", async () => {
    const sim = start(["--port", "0", "--seed", "3"]);
    const url = await sim.url;
    expect(sim.output()).toContain("1000941");
    expect(sim.output()).toContain(SIM_TOKENS.user);
    const res = await fetch(`${url}/v1/reporting/query`, {
      method: "POST",
      headers: {
        "x-user-agent": "cli-test",
        authorization: `Bearer ${SIM_TOKENS.user}`,
        "x-customer": "id=1000941",
      },
      // The CLI runs on the real clock: ask for the last two days.
      body: JSON.stringify({
        report: "offers_usages_history",
        interval: "1d",
        from: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        to: new Date().toISOString(),
      }),
    });
    expect(res.status).toBe(200);
    sim.child.kill("SIGTERM");
    expect(await sim.exited).toBe(0);
  });

  it("refuses a bad port with exit code 2 and a message naming the option", async () => {
    const sim = start(["--port", "http"]);
    expect(await sim.exited).toBe(2);
    expect(sim.errors()).toContain("--port");
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { type Runtime, startRuntime } from "../../src/runtime.ts";
import { silentLogger } from "../../src/util/log.ts";
import { type SlackEmulator, startSlackFake } from "../fakes/slack.ts";

let cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** The runtime as `npm start` runs it, with `env` on top of a temp database and a free port. */
async function start(env: Record<string, string>): Promise<{ runtime: Runtime; origin: string }> {
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-routes-"));
  const config = parseConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "db.sqlite")}`, ...env });
  const runtime = await startRuntime(config, { role: "all", host: "127.0.0.1", log: silentLogger });
  cleanup.push(async () => {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { runtime, origin: `http://127.0.0.1:${runtime.web?.port}` };
}

async function withSlack(): Promise<{ runtime: Runtime; origin: string }> {
  // The emulator takes the same token, so Bolt's auth.test at start-up succeeds as with real Slack.
  const emulator: SlackEmulator = await startSlackFake({ token: "xoxb-test" });
  cleanup.push(() => emulator.close());
  return start({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: emulator.apiUrl });
}

async function status(res: Promise<Response>): Promise<number> {
  const r = await res;
  await r.arrayBuffer();
  return r.status;
}

const postJson = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("with real Slack credentials", () => {
  it("serves none of the sandbox: the page, its state, assets and command routes all answer 404", async () => {
    const { runtime, origin } = await withSlack();
    expect(runtime.emulator).toBeNull();
    const statuses = await Promise.all([
      status(fetch(`${origin}/`)),
      status(fetch(`${origin}/sandbox/state`)),
      status(fetch(`${origin}/sandbox/events`)),
      status(fetch(`${origin}/sandbox/assets/app.js`)),
      status(postJson(`${origin}/sandbox/command`, { text: "/offers report last 7d interval=1d" })),
      status(postJson(`${origin}/sandbox/run-due`, {})),
    ]);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);

    const health = await fetch(`${origin}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
  });

  it("still guards /slack/events: an unsigned request is refused with 401", async () => {
    const { origin } = await withSlack();
    expect(
      await status(postJson(`${origin}/slack/events`, { type: "url_verification", challenge: "c" })),
    ).toBe(401);
  });
});

describe("in sandbox mode (no Slack credentials)", () => {
  it("serves the page, and answers an unknown path with 404 while staying up", async () => {
    const { runtime, origin } = await start({});
    expect(runtime.emulator).not.toBeNull();
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="composer"');
    expect(await status(fetch(`${origin}/favicon.ico`))).toBe(404);
    expect(await status(fetch(`${origin}/healthz`))).toBe(200);
  });

  it("answers 404 'Not found.' for asset names that are Object members or paths, never a path or stack", async () => {
    const { origin } = await start({});
    const names = [
      "constructor",
      "__proto__",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "..%2fconfig.ts",
      "..%2F..%2F..%2Fpackage.json",
      "%2e%2e%2findex.ts",
      "index.ts",
    ];
    for (const name of names) {
      const res = await fetch(`${origin}/sandbox/assets/${name}`);
      const text = await res.text();
      expect(res.status, name).toBe(404);
      expect(JSON.parse(text), name).toEqual({ ok: false, error: "not_found", message: "Not found." });
      expect(text, name).not.toMatch(/\/work|\/src\/|node_modules|ENOENT|at /);
    }
    // The page's own files are still served.
    expect(await status(fetch(`${origin}/sandbox/assets/app.js`))).toBe(200);
    expect(await status(fetch(`${origin}/healthz`))).toBe(200);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { nth, postJson, startSandbox } from "./harness.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe("the page and its files", () => {
  it("GET / serves the channel page, which loads its script and styles from /sandbox/assets", async () => {
    const sb = await startSandbox("http://127.0.0.1:9/slack/events");
    cleanup.push(sb.close);
    const page = await fetch(`${sb.origin}/`);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    for (const asset of [...html.matchAll(/(?:src|href)="(\/sandbox\/assets\/[^"]+)"/g)].map((m) =>
      nth(m, 1),
    )) {
      const res = await fetch(`${sb.origin}${asset}`);
      expect(res.status, asset).toBe(200);
    }
    const app = await (await fetch(`${sb.origin}/sandbox/assets/app.js`)).text();
    expect(app).toContain("EventSource");
  });

  it("answers 404 for assets and files it does not have, never reading other paths", async () => {
    const sb = await startSandbox("http://127.0.0.1:9/slack/events");
    cleanup.push(sb.close);
    for (const path of [
      "/sandbox/assets/..%2F..%2Fconfig.ts",
      "/sandbox/assets/index.ts",
      "/sandbox/files/F999",
    ]) {
      const res = await fetch(`${sb.origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, error: "not_found" });
    }
    const asset = await fetch(`${sb.origin}/sandbox/assets/constructor`);
    expect(asset.status).toBe(404);
    expect(await asset.json()).toEqual({ ok: false, error: "not_found", message: "Not found." });
  });
});

describe("POST /sandbox/run-due", () => {
  it("runs the worker's due subscriptions and alerts and reports how many were delivered", async () => {
    let runs = 0;
    const sb = await startSandbox("http://127.0.0.1:9/slack/events", {
      runDueNow: async () => {
        runs += 1;
        return { delivered: 3 };
      },
    });
    cleanup.push(sb.close);
    const state = (await (await fetch(`${sb.origin}/sandbox/state`)).json()) as { runDue: boolean };
    expect(state.runDue).toBe(true);
    expect(await (await postJson(`${sb.origin}/sandbox/run-due`, {})).json()).toEqual({
      ok: true,
      delivered: 3,
    });
    expect(runs).toBe(1);
  });

  it("says so when no scheduler is attached", async () => {
    const sb = await startSandbox("http://127.0.0.1:9/slack/events");
    cleanup.push(sb.close);
    const res = await postJson(`${sb.origin}/sandbox/run-due`, {});
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: "not_configured" });
  });
});

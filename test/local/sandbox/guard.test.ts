import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { verifySlackRequest } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { isLoopbackAddress, signSlackRequest } from "../../../src/local/sandbox/index.ts";
import { must, postJson, type SandboxServer, startSandbox } from "./harness.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A GET with a chosen Host header (fetch does not let a caller set Host). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("signSlackRequest", () => {
  it("produces headers Bolt's own verifySlackRequest accepts, and a changed body fails", () => {
    const now = Date.parse("2025-08-27T10:00:00Z");
    const body = "command=%2Foffers&text=help";
    const h = signSlackRequest("secret", body, now / 1000);
    expect(h["x-slack-request-timestamp"]).toBe(String(now / 1000));
    expect(h["x-slack-signature"]).toMatch(/^v0=[0-9a-f]{64}$/);
    const headers = { "x-slack-signature": h["x-slack-signature"], "x-slack-request-timestamp": now / 1000 };
    expect(() =>
      verifySlackRequest({ signingSecret: "secret", body, headers, nowMilliseconds: now }),
    ).not.toThrow();
    expect(() =>
      verifySlackRequest({ signingSecret: "secret", body: `${body}x`, headers, nowMilliseconds: now }),
    ).toThrow();
  });
});

describe("isLoopbackAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.5", false],
    ["::ffff:192.168.1.2", false],
    ["fe80::1", false],
    [undefined, false],
  ])("%s is loopback: %s", (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });
});

describe("who may use the sandbox", () => {
  it("serves the page to this machine at localhost and 127.0.0.1", async () => {
    const sb: SandboxServer = await startSandbox("http://127.0.0.1:9/slack/events");
    cleanup.push(sb.close);
    const port = new URL(sb.origin).port;
    expect(await getWithHost(`${sb.origin}/`, `localhost:${port}`)).toBe(200);
    expect(await getWithHost(`${sb.origin}/`, `127.0.0.1:${port}`)).toBe(200);
  });

  it("refuses a page reached under another host name (DNS rebinding)", async () => {
    const sb = await startSandbox("http://127.0.0.1:9/slack/events");
    cleanup.push(sb.close);
    expect(await getWithHost(`${sb.origin}/sandbox/state`, "evil.example:3000")).toBe(403);
  });

  it("refuses commands from another site's page and plain form posts", async () => {
    const sb = await startSandbox("http://127.0.0.1:9/slack/events");
    cleanup.push(sb.close);
    const foreign = await postJson(
      `${sb.origin}/sandbox/command`,
      { text: "/offers help" },
      { origin: "http://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: "bad_origin" });
    const form = await fetch(`${sb.origin}/sandbox/command`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "text=%2Foffers+help",
    });
    expect(form.status).toBe(415);
    const same = await postJson(`${sb.origin}/sandbox/run-due`, {}, { origin: sb.origin });
    expect(same.status).toBe(501);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === "IPv4" && !i.internal)?.address;
  if (external === undefined)
    console.warn("SKIPPED: no non-loopback IPv4 address here to test a remote caller from");

  it.skipIf(external === undefined)(
    "refuses a request that arrives from another address than loopback",
    async () => {
      const sb = await startSandbox("http://127.0.0.1:9/slack/events", {}, { host: "0.0.0.0" });
      cleanup.push(sb.close);
      const port = new URL(sb.origin).port;
      const res = await fetch(`http://${external}:${port}/sandbox/state`, {
        headers: { host: `localhost:${port}` },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({
        error: "not_loopback",
        message: expect.stringContaining(must(external)),
      });
    },
  );
});

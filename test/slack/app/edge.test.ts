/**
 * The HTTP edge as an unfriendly client meets it: unsigned bodies are never read, big bodies are
 * refused, bodies Bolt cannot handle never reach it (and the process keeps serving), and a captured
 * request sent again does nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startApp, who } from "../support/harness.ts";
import { rawConnect, requestHead } from "../support/raw.ts";
import { FORM, signedHeaders, slashCommandBody } from "../support/requests.ts";

let h: AppHarness;
let port: number;
beforeAll(async () => {
  h = await startApp();
  port = h.runtime.web?.port ?? 0;
});
afterAll(async () => {
  await h?.close();
});

const MB = 1024 * 1024;

async function stillServes(): Promise<void> {
  const sent = await h.command("help");
  expect(sent.ack.status).toBe(200);
  expect(await h.reply(sent)).toContain("/offers");
}

describe("a request without Slack's signature", () => {
  test("is answered 401 before its body is sent, and the connection is closed", async () => {
    const c = await rawConnect(port);
    // Declares 900 KB and sends 10 bytes: an answer now means the server did not wait for the rest.
    c.write(requestHead("/slack/events", { "content-type": FORM, "content-length": 900_000 }));
    c.write("text=hello");
    const head = await c.head;
    expect(head.status).toBe(401);
    expect(head.text.toLowerCase()).toContain("connection: close");
    await c.closed;
  });

  test("with a malformed signature or a timestamp two minutes ahead is answered 401 the same way", async () => {
    const ts = Math.floor(Date.now() / 1000);
    for (const headers of [
      { "x-slack-signature": "v0=abc", "x-slack-request-timestamp": ts },
      { "x-slack-signature": `v0=${"a".repeat(64)}`, "x-slack-request-timestamp": "12e8" },
      { "x-slack-signature": `v0=${"a".repeat(64)}`, "x-slack-request-timestamp": ts + 120 },
    ]) {
      const c = await rawConnect(port);
      c.write(requestHead("/slack/events", { "content-type": FORM, "content-length": 500_000, ...headers }));
      expect((await c.head).status).toBe(401);
      await c.closed;
    }
  });

  test("Slack's unsigned SSL check is still answered 200", async () => {
    const res = await fetch(h.url, {
      method: "POST",
      headers: { "content-type": FORM },
      body: "ssl_check=1&token=deprecated-verification-token",
    });
    expect(res.status).toBe(200);
    const smuggled = await fetch(h.url, {
      method: "POST",
      headers: { "content-type": FORM },
      body: "ssl_check=0&command=%2Foffers&text=help",
    });
    expect(smuggled.status).toBe(401);
  });
});

describe("a body over 1 MB", () => {
  test("declared in Content-Length is answered 413 at once, before the body", async () => {
    const c = await rawConnect(port);
    const headers = signedHeaders("whatever", FORM);
    c.write(requestHead("/slack/events", { ...headers, "content-length": 2 * MB }));
    const head = await c.head;
    expect(head.status).toBe(413);
    await c.closed;
  });

  test("sent chunked without a length is answered 413 once it passes 1 MB, and the socket is cut", async () => {
    const c = await rawConnect(port);
    const headers = signedHeaders("whatever", FORM);
    c.write(requestHead("/slack/events", { ...headers, "transfer-encoding": "chunked" }));
    const chunk = Buffer.alloc(64 * 1024, "a");
    for (let i = 0; i < 17; i++)
      c.write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]));
    const head = await c.head;
    expect(head.status).toBe(413);
    // Cut right after the answer, not left open until the 5 s keep-alive runs out.
    expect((await c.closed) - head.atMs).toBeLessThan(2_000);
    await stillServes();
  });

  test("a genuine command just under the limit still works", async () => {
    const w = who();
    const body = `${slashCommandBody(w, "help", h.emulator.responseUrl(w.channelId, w.userId))}&pad=${"x".repeat(MB - 2_000)}`;
    const ack = await h.post(body, signedHeaders(body, FORM));
    expect(ack.status).toBe(200);
  });
});

describe("a correctly signed body that is not a JSON object", () => {
  const BODIES: Array<[string, string, string]> = [
    ["form payload=null", "payload=null", FORM],
    ["form payload=1", "payload=1", FORM],
    ['form payload="x"', `payload=${encodeURIComponent('"x"')}`, FORM],
    ["form payload=[]", `payload=${encodeURIComponent("[]")}`, FORM],
    ["form payload that is not JSON", `payload=${encodeURIComponent("{oops")}`, FORM],
    ["JSON body null", "null", "application/json"],
    ["JSON body [1]", "[1]", "application/json"],
    ["JSON body that is not JSON", "{", "application/json"],
  ];
  test.each(BODIES)("%s is answered 400 and the bot keeps serving", async (_name, body, type) => {
    const ack = await h.post(body, signedHeaders(body, type));
    expect(ack.status).toBe(400);
    expect(ack.body).toMatch(/must be a JSON object/);
    await stillServes();
  });
});

describe("the same signed request sent again", () => {
  test("subscribe sent three times within five minutes saves one subscription", async () => {
    const before = (await h.rows()).subscriptions;
    const w = who();
    const since = h.emulator.messagesIn(w.channelId, { ephemeral: true }).length;
    const body = slashCommandBody(
      w,
      "subscribe daily 08:00 last 24h interval=1h",
      h.emulator.responseUrl(w.channelId, w.userId),
    );
    const headers = signedHeaders(body, FORM);
    const acks = [await h.post(body, headers), await h.post(body, headers), await h.post(body, headers)];
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200]);
    // The repeats are acknowledged with nothing, so Slack (or a replayer) learns nothing and retries nothing.
    expect(acks[1]?.body).toBe("");
    expect(acks[2]?.body).toBe("");
    await h.ephemeral({ ack: acks[0] as NonNullable<(typeof acks)[0]>, who: w, since });
    // A genuine command afterwards: once its answer is in, anything a repeat had started would be too.
    const list = await h.command("list");
    const listed = await h.ephemeral(list);
    expect((await h.rows()).subscriptions).toBe(before + 1);
    const answers = h.emulator
      .messagesIn(w.channelId, { ephemeral: true })
      .slice(since)
      .filter((m) => m.ts !== listed.ts && m.text.includes("#"));
    expect(answers).toHaveLength(1);
  });

  test("the same command sent again with a new timestamp and signature (a new delivery) runs again", async () => {
    const before = (await h.rows()).subscriptions;
    const w = who();
    const body = slashCommandBody(
      w,
      "subscribe daily 09:00 last 24h interval=1h",
      h.emulator.responseUrl(w.channelId, w.userId),
    );
    const now = Math.floor(Date.now() / 1000);
    await h.post(body, signedHeaders(body, FORM, { timestampSeconds: now }));
    await h.post(body, signedHeaders(body, FORM, { timestampSeconds: now - 1 }));
    await h.ephemeral(await h.command("list"));
    await expect.poll(async () => (await h.rows()).subscriptions).toBe(before + 2);
  });
});

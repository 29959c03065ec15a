/**
 * A client that sends its headers or its body slowly is cut by the server's timeouts instead of
 * holding a connection (and its buffered bytes) for Node's default 300 s. The timeouts are options of
 * the web server; here they are a fraction of a second, so the test need not wait 10 s.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { type AppHarness, startApp } from "../support/harness.ts";
import { rawConnect, requestHead } from "../support/raw.ts";
import { FORM, signedHeaders } from "../support/requests.ts";

let h: AppHarness;
let port: number;
beforeAll(async () => {
  h = await startApp({
    webTimeouts: { requestTimeoutMs: 600, headersTimeoutMs: 400, checkIntervalMs: 50 },
  });
  port = h.runtime.web?.port ?? 0;
});
afterAll(async () => {
  await h?.close();
});

test("headers trickled one line at a time are cut by the headers timeout", async () => {
  const c = await rawConnect(port);
  c.write("POST /slack/events HTTP/1.1\r\nhost: 127.0.0.1\r\n");
  const trickle = setInterval(() => c.write("x-pad: 1\r\n"), 100);
  const closedAfter = await c.closed;
  clearInterval(trickle);
  expect(c.received()).toMatch(/^HTTP\/1\.1 408/);
  expect(closedAfter).toBeLessThan(5_000);
});

test("a signed request trickling its body is cut by the request timeout and does nothing", async () => {
  const c = await rawConnect(port);
  const body = "command=%2Foffers&text=subscribe+daily+08%3A00+last+24h+interval%3D1h";
  c.write(requestHead("/slack/events", { ...signedHeaders(body, FORM), "content-length": body.length }));
  let sent = 0;
  const trickle = setInterval(() => c.write(body.slice(sent, ++sent)), 100);
  const closedAfter = await c.closed;
  clearInterval(trickle);
  expect(sent).toBeLessThan(body.length);
  expect(closedAfter).toBeLessThan(5_000);
  expect((await h.rows()).subscriptions).toBe(0);
  const ok = await h.command("help");
  expect(ok.ack.status).toBe(200);
});

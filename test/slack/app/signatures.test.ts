/**
 * Only Slack may talk to POST /slack/events: a forged, tampered, stale, future-dated or unsigned
 * request gets 401 and does nothing at all: no row saved, no message posted, no answer sent.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startApp, who } from "../support/harness.ts";
import { FORM, signature, signedHeaders, slashCommandBody } from "../support/requests.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

const nowS = () => Math.floor(Date.now() / 1000);

function body(text: string): string {
  const w = who();
  return slashCommandBody(w, text, h.emulator.responseUrl(w.channelId, w.userId));
}

const ATTEMPTS: Array<[string, () => { body: string; headers: Record<string, string> }]> = [
  [
    "signed with another secret",
    () => {
      const b = body("subscribe daily 08:00 last 24h interval=1h");
      return { body: b, headers: signedHeaders(b, FORM, { secret: "not-the-secret" }) };
    },
  ],
  [
    "a valid signature over a different body",
    () => {
      const signedFor = body("list");
      const sent = body("subscribe daily 08:00 last 24h interval=1h");
      return { body: sent, headers: signedHeaders(signedFor, FORM) };
    },
  ],
  [
    "a correct signature six minutes old",
    () => {
      const b = body("report last 7d interval=1d");
      return { body: b, headers: signedHeaders(b, FORM, { timestampSeconds: nowS() - 6 * 60 }) };
    },
  ],
  [
    "a correct signature stamped ten minutes in the future",
    () => {
      const b = body("report last 7d interval=1d");
      return { body: b, headers: signedHeaders(b, FORM, { timestampSeconds: nowS() + 10 * 60 }) };
    },
  ],
  [
    "no signature headers at all",
    () => ({ body: body("subscribe daily 08:00 last 24h interval=1h"), headers: { "content-type": FORM } }),
  ],
  [
    "a timestamp but no signature",
    () => {
      const b = body("alert anomaly per 1h");
      return { body: b, headers: { "content-type": FORM, "x-slack-request-timestamp": String(nowS()) } };
    },
  ],
  [
    "a signature but no timestamp",
    () => {
      const b = body("alert anomaly per 1h");
      return {
        body: b,
        headers: { "content-type": FORM, "x-slack-signature": signature("test-secret", nowS(), b) },
      };
    },
  ],
];

describe("a request that Slack did not sign", () => {
  test.each(ATTEMPTS)("%s gets 401", async (_name, make) => {
    const { body: b, headers } = make();
    const ack = await h.post(b, headers);
    expect(ack.status).toBe(401);
    expect(ack.json).toBeNull();
  });

  test("none of them saved, posted or answered anything", async () => {
    for (const [, make] of ATTEMPTS) {
      const { body: b, headers } = make();
      expect((await h.post(b, headers)).status).toBe(401);
    }
    // A genuine command afterwards: once its answer is in, anything the refused ones started would be too.
    const sent = await h.command("list");
    expect(sent.ack.status).toBe(200);
    await h.ephemeral(sent);
    expect(await h.rows()).toEqual({ items: 0, subscriptions: 0, alerts: 0 });
    expect(h.emulator.callsOf("chat.postMessage")).toHaveLength(0);
    expect(h.emulator.callsOf("files.getUploadURLExternal")).toHaveLength(0);
    const answers = h.emulator.messagesIn(sent.who.channelId, { ephemeral: true });
    expect(answers).toHaveLength(1);
    expect(answers[0]?.text).toContain("No subscriptions or alerts");
  });

  test("a correctly signed request four minutes old is still accepted (clock skew)", async () => {
    const b = body("help");
    const ack = await h.post(b, signedHeaders(b, FORM, { timestampSeconds: nowS() - 4 * 60 }));
    expect(ack.status).toBe(200);
  });
});

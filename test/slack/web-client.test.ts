import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWebClient } from "../../src/delivery/web-client.ts";
import { type SlackEmulator, startSlackFake } from "../fakes/slack.ts";

describe("the Slack WebClient factory", () => {
  let slack: SlackEmulator;
  beforeEach(async () => {
    slack = await startSlackFake();
  });
  afterEach(() => slack.close());

  it("fails a rate-limited call at once with its Retry-After instead of pausing every call", async () => {
    const client = createWebClient({ token: slack.token, slackApiUrl: slack.apiUrl });
    slack.injectFault({ method: "chat.postMessage", status: 429, retryAfterSeconds: 30 });
    const started = Date.now();
    const [posted, auth] = await Promise.allSettled([
      client.chat.postMessage({ channel: "C0GENERAL", text: "x" }),
      client.auth.test(),
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(posted).toMatchObject({ status: "rejected", reason: { retryAfter: 30 } });
    expect(auth).toMatchObject({ status: "fulfilled", value: { ok: true, user_id: slack.botUserId } });
  });

  it("does not retry a 500 by itself (the delivery module decides)", async () => {
    const client = createWebClient({ token: slack.token, slackApiUrl: slack.apiUrl });
    slack.injectFault({ method: "chat.postMessage", status: 500, times: 5 });
    await expect(client.chat.postMessage({ channel: "C0GENERAL", text: "x" })).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDelivery, DeliveryError } from "../../src/delivery/index.ts";
import { createWebClient } from "../../src/delivery/web-client.ts";
import { chartPng, digest, type Rig, startRig, topLevel } from "./helpers.ts";

describe("delivery: posting a report with its chart", () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.slack.close());

  it("uploads the chart privately, then posts one message whose image block shows it", async () => {
    const chart = await chartPng();
    const res = await rig.delivery.post({
      channel: "C0GENERAL",
      message: digest,
      chart,
      runKey: "sub-1@2025-08-27T06:00Z",
    });

    expect(res).toMatchObject({ channel: "C0GENERAL", chartFailed: false, reused: false });
    const [message, ...others] = rig.slack.messagesIn("C0GENERAL");
    expect(others).toEqual([]);
    expect(message?.ts).toBe(res.ts);
    expect(message?.blocks?.[1]).toEqual({
      type: "image",
      slack_file: { id: res.fileId },
      alt_text: chart.altText,
    });
    expect(message?.metadata).toEqual({
      event_type: "offer_digest",
      event_payload: { run_key: "sub-1@2025-08-27T06:00Z" },
    });
    expect(rig.slack.files.get(res.fileId as string)?.bytes?.equals(chart.png)).toBe(true);
    const complete = rig.slack.callsOf("files.completeUploadExternal")[0];
    expect(complete?.args.channel_id).toBeUndefined();
    expect(rig.slack.calls.map((c) => c.method)).toEqual([
      "files.getUploadURLExternal",
      "files.completeUploadExternal",
      "chat.postMessage",
    ]);
  });

  it("waits out a 429 on the post and still posts exactly one message", async () => {
    rig.slack.injectFault({ method: "chat.postMessage", status: 429, retryAfterSeconds: 2 });
    const res = await rig.delivery.post({
      channel: "C0GENERAL",
      message: digest,
      chart: await chartPng(),
      runKey: "r1",
    });
    expect(rig.sleeps).toContain(2000);
    expect(topLevel(rig.slack, "C0GENERAL").map((m) => m.ts)).toEqual([res.ts]);
    expect(res.chartFailed).toBe(false);
  });

  it("posts the text with a note when completing the upload fails with a 500, and puts the chart in the thread", async () => {
    rig.slack.injectFault({ method: "files.completeUploadExternal", status: 500 });
    const res = await rig.delivery.post({
      channel: "C0GENERAL",
      message: digest,
      chart: await chartPng(),
      runKey: "r2",
    });
    const top = topLevel(rig.slack, "C0GENERAL");
    expect(top).toHaveLength(1);
    expect(top[0]?.blocks?.[1]).toMatchObject({ type: "context" });
    expect(res.chartFailed).toBe(true);
    const reply = rig.slack.messagesIn("C0GENERAL").find((m) => m.thread_ts === res.ts);
    expect(reply?.files.map((f) => f.id)).toEqual([res.fileId]);
  });

  it("posts the text when Slack refuses the fresh image with invalid_blocks, never losing the message", async () => {
    rig.slack.injectFault({ method: "chat.postMessage", error: "invalid_blocks" });
    const res = await rig.delivery.post({
      channel: "C0GENERAL",
      message: digest,
      chart: await chartPng(),
      runKey: "r3",
    });
    expect(topLevel(rig.slack, "C0GENERAL").map((m) => m.text)).toEqual([digest(null).text]);
    expect(res).toMatchObject({ chartFailed: true, reused: false });
    expect(rig.slack.messagesIn("C0GENERAL")[1]).toMatchObject({
      thread_ts: res.ts,
      files: [{ id: res.fileId }],
    });
  });

  it("does not post twice when Slack stored the message but answered 500", async () => {
    rig.slack.injectFault({ method: "chat.postMessage", status: 500, mode: "store_then_fail" });
    const res = await rig.delivery.post({
      channel: "C0GENERAL",
      message: digest,
      chart: await chartPng(),
      runKey: "r4",
    });
    expect(topLevel(rig.slack, "C0GENERAL").map((m) => m.ts)).toEqual([res.ts]);
    expect(rig.slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(rig.slack.callsOf("conversations.history")).toHaveLength(1);
    expect(res.chartFailed).toBe(false);
  });

  it("does not post twice after an HTML 503 even when the caller gave no run key", async () => {
    rig.slack.injectFault({ method: "chat.postMessage", status: 503, html: true, mode: "store_then_fail" });
    await rig.delivery.post({
      channel: "C0GENERAL",
      message: { text: "Alert: offer usages below 5 per 1h" },
    });
    expect(rig.slack.messagesIn("C0GENERAL")).toHaveLength(1);
  });

  it("does not post twice when the post timed out after Slack stored it", async () => {
    const client = createWebClient({ token: rig.slack.token, slackApiUrl: rig.slack.apiUrl, timeoutMs: 150 });
    const delivery = createDelivery(client, { clock: rig.clock, sleep: async () => {}, random: () => 1 });
    rig.slack.injectFault({ method: "chat.postMessage", delayMs: 400, mode: "store_then_fail" });
    const res = await delivery.post({
      channel: "C0GENERAL",
      message: { text: "digest" },
      runKey: "r-timeout",
    });
    expect(rig.slack.messagesIn("C0GENERAL").map((m) => m.ts)).toEqual([res.ts]);
    expect(rig.slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(rig.slack.callsOf("conversations.history")).toHaveLength(1);
  });

  it("posts again after a 500 that stored nothing", async () => {
    rig.slack.injectFault({ method: "chat.postMessage", status: 500, times: 2 });
    const res = await rig.delivery.post({ channel: "C0GENERAL", message: { text: "hello" }, runKey: "r5" });
    expect(rig.slack.messagesIn("C0GENERAL").map((m) => m.ts)).toEqual([res.ts]);
    expect(rig.slack.callsOf("chat.postMessage")).toHaveLength(3);
  });

  it("finds the message of an earlier attempt by run key instead of posting again", async () => {
    const chart = await chartPng();
    const first = await rig.delivery.post({
      channel: "C0GENERAL",
      message: digest,
      chart,
      runKey: "sub-3@08:00",
    });
    await rig.delivery.post({
      channel: "C0GENERAL",
      message: { text: "something else" },
      runKey: "sub-4@08:00",
    });
    const again = await rig.delivery.post({
      channel: "C0GENERAL",
      message: digest,
      chart,
      runKey: "sub-3@08:00",
      dedupe: true,
    });
    expect(again).toEqual({
      channel: "C0GENERAL",
      ts: first.ts,
      fileId: first.fileId,
      chartFailed: false,
      reused: true,
    });
    expect(rig.slack.messagesIn("C0GENERAL")).toHaveLength(2);
    expect(rig.slack.callsOf("files.getUploadURLExternal")).toHaveLength(1);
  });

  it("adds the chart to a ready-made message as its last block", async () => {
    const res = await rig.delivery.post({
      channel: "C0GENERAL",
      message: { text: "Total 7" },
      chart: await chartPng(),
    });
    expect(rig.slack.messagesIn("C0GENERAL")[0]?.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Total 7" } },
      { type: "image", slack_file: { id: res.fileId }, alt_text: "Offer usages per hour, peak 212 at 12:00" },
    ]);
  });

  it("fails with a permanent error naming the channel when the bot was removed from it", async () => {
    rig.slack.setMember("C0GENERAL", rig.slack.botUserId, false);
    const err = await rig.delivery
      .post({ channel: "C0GENERAL", message: { text: "x" } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ code: "not_in_channel", kind: "permanent" });
    expect((err as Error).message).toContain("<#C0GENERAL>");
    expect(rig.slack.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("gives up with a transient error and the Retry-After after 3 rate limits in a row", async () => {
    rig.slack.injectFault({ method: "chat.postMessage", status: 429, retryAfterSeconds: 5, times: 4 });
    const err = await rig.delivery
      .post({ channel: "C0GENERAL", message: { text: "x" } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ratelimited", kind: "transient", retryAfterSeconds: 5 });
    expect(rig.sleeps.filter((ms) => ms === 5000)).toHaveLength(3);
    expect(rig.slack.messagesIn("C0GENERAL")).toHaveLength(0);
  });
});

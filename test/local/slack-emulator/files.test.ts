import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientFor, type SlackEmulator, startSlackFake } from "../../fakes/slack.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

describe("Slack emulator: file uploads (v2)", () => {
  let slack: SlackEmulator;
  let client: WebClient;

  beforeEach(async () => {
    slack = await startSlackFake();
    client = clientFor(slack);
  });
  afterEach(() => slack.close());

  async function upload(
    bytes: Buffer,
    announced = bytes.length,
  ): Promise<{ fileId: string; status: number }> {
    const url = await client.files.getUploadURLExternal({ filename: "chart.png", length: announced });
    const form = new FormData();
    form.append("body", new Blob([new Uint8Array(bytes)]), "chart.png");
    const res = await fetch(url.upload_url as string, { method: "POST", body: form });
    return { fileId: url.file_id as string, status: res.status };
  }

  it("keeps a completed file private without channel_id, then shows it in a message's image block", async () => {
    const { fileId, status } = await upload(PNG);
    expect(status).toBe(200);
    await client.files.completeUploadExternal({ files: [{ id: fileId, title: "Offer usages" }] });
    expect(slack.files.get(fileId)).toMatchObject({ completed: true, channels: [] });
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(0);

    await client.chat.postMessage({
      channel: "C0GENERAL",
      text: "chart",
      blocks: [{ type: "image", slack_file: { id: fileId }, alt_text: "Offer usages per day" }],
    });
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(1);
    const served = await fetch(slack.fileUrl(fileId));
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    expect(served.headers.get("content-type")).toBe("image/png");
    const info = await client.files.info({ file: fileId });
    expect(info.file?.title).toBe("Offer usages");
  });

  it("refuses an image block whose file was never completed", async () => {
    const { fileId } = await upload(PNG);
    const blocks = [{ type: "image", slack_file: { id: fileId }, alt_text: "c" }];
    await expect(client.chat.postMessage({ channel: "C0GENERAL", text: "x", blocks })).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
  });

  it("refuses bytes that do not match the announced length, and completion of such a file", async () => {
    const { fileId, status } = await upload(PNG, PNG.length + 1);
    expect(status).toBe(400);
    await expect(client.files.completeUploadExternal({ files: [{ id: fileId }] })).rejects.toMatchObject({
      data: { error: "file_not_found" },
    });
  });

  it("shares a completed upload into a thread with a comment when channel_id is given", async () => {
    const parent = await client.chat.postMessage({ channel: "C0GENERAL", text: "digest" });
    const { fileId } = await upload(PNG);
    await client.files.completeUploadExternal({
      files: [{ id: fileId, title: "chart" }],
      channel_id: "C0GENERAL",
      thread_ts: parent.ts as string,
      initial_comment: "The chart",
    });
    const reply = slack.messagesIn("C0GENERAL")[1];
    expect(reply).toMatchObject({
      thread_ts: parent.ts,
      text: "The chart",
      files: [{ id: fileId, title: "chart" }],
    });
    await expect(client.files.completeUploadExternal({ files: [{ id: fileId }] })).rejects.toMatchObject({
      data: { error: "file_already_completed" },
    });
  });

  it("works with the client's own filesUploadV2 helper", async () => {
    await client.filesUploadV2({ channel_id: "C0GENERAL", file: PNG, filename: "c.png", title: "c" });
    const [message] = slack.messagesIn("C0GENERAL");
    expect(message?.files[0]?.name).toBe("c.png");
    expect(slack.files.get(message?.files[0]?.id as string)?.bytes?.equals(PNG)).toBe(true);
  });
});

/**
 * Slack failing under a report: a 429 on the post, a 500 on upload completion, a 500 after the post
 * was stored. Each still ends with exactly one digest in the channel, its text intact, and the chart
 * either in the message or in its thread.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { digits, truthFor } from "../support/truth.ts";
import { waitFor } from "../support/wait.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterEach(() => h.emulator.clearFaults());
afterAll(async () => {
  await h?.close();
});

const WORDS = "last 7d interval=1d";

function topLevel(channel: string): EmulatorMessage[] {
  return h.emulator.messagesIn(channel).filter((m) => m.thread_ts === undefined);
}

function imageFileId(m: EmulatorMessage): string | undefined {
  const image = (m.blocks as { type: string; slack_file?: { id: string } }[] | undefined)?.find(
    (b) => b.type === "image",
  );
  return image?.slack_file?.id;
}

/** Sends the report and waits until the command's work is over (its last Web API call answered). */
async function reportAndSettle(): Promise<{ digest: EmulatorMessage; before: number; callsFrom: number }> {
  // The delivery spaces posts to one channel 1.1 s apart by the bot's clock; moving the fixed clock
  // on keeps the previous test's post from costing this one a real 1.1 s wait.
  h.clock?.advance(5_000);
  const before = topLevel("C0OFFERS").length;
  const callsFrom = h.emulator.calls.length;
  const sent = await h.command(`report ${WORDS}`);
  expect(sent.ack.status).toBe(200);
  const digest = await h.posted(sent, 10_000);
  return { digest, before, callsFrom };
}

describe("a report while Slack misbehaves", () => {
  test("a 429 on chat.postMessage is waited out and the digest is posted exactly once, chart included", async () => {
    h.emulator.injectFault({ method: "chat.postMessage", status: 429, retryAfterSeconds: 1 });
    const { digest, before, callsFrom } = await reportAndSettle();
    const posts = h.emulator.calls.slice(callsFrom).filter((c) => c.method === "chat.postMessage");
    expect(posts.map((c) => c.outcome)).toEqual(["http_429", "ok"]);
    expect(topLevel("C0OFFERS")).toHaveLength(before + 1);
    expect(digits(/Total: ([\d,]+)/.exec(digest.text)?.[1] ?? "")).toBe(truthFor(h, WORDS).total);
    const fileId = imageFileId(digest);
    expect(fileId).toBeDefined();
    expect(h.emulator.files.get(fileId ?? "")?.completed).toBe(true);
  });

  test("a 500 on files.completeUploadExternal still posts one digest with its text, and the chart lands in its thread", async () => {
    h.emulator.injectFault({ method: "files.completeUploadExternal", status: 500 });
    const { digest, before } = await reportAndSettle();
    expect(digits(/Total: ([\d,]+)/.exec(digest.text)?.[1] ?? "")).toBe(truthFor(h, WORDS).total);
    // No image block pointing at a file that never completed.
    const inMessage = imageFileId(digest);
    if (inMessage !== undefined) expect(h.emulator.files.get(inMessage)?.completed).toBe(true);
    const chart =
      inMessage ??
      (await waitFor(
        h.emulator,
        () =>
          h.emulator.messagesIn("C0OFFERS").find((m) => m.thread_ts === digest.ts && m.files.length > 0)
            ?.files[0]?.id,
        "the chart in the digest's thread",
      ));
    const file = h.emulator.files.get(chart);
    expect(file?.completed).toBe(true);
    expect(file?.bytes?.length).toBeGreaterThan(1000);
    expect(topLevel("C0OFFERS")).toHaveLength(before + 1);
  });

  test("a 500 after Slack stored the post is not sent twice: the run key finds the message", async () => {
    h.emulator.injectFault({ method: "chat.postMessage", status: 500, mode: "store_then_fail" });
    h.clock?.advance(5_000);
    const before = topLevel("C0OFFERS").length;
    const callsFrom = h.emulator.calls.length;
    const sent = await h.command(`report ${WORDS}`);
    await h.posted(sent, 10_000);
    // The delivery looks the message up by its run key before it would post again.
    await waitFor(
      h.emulator,
      () =>
        h.emulator.calls
          .slice(callsFrom)
          .find((c) => c.method === "conversations.history" && c.outcome === "ok"),
      "the run-key lookup after the ambiguous 500",
      10_000,
    );
    // Once the lookup is answered, any resend would follow at once; give it its round trip.
    await h.command("help").then((s) => h.ephemeral(s));
    expect(topLevel("C0OFFERS")).toHaveLength(before + 1);
    const posts = h.emulator.calls.slice(callsFrom).filter((c) => c.method === "chat.postMessage");
    expect(posts.map((c) => c.outcome)).toEqual(["http_500"]);
  });

  test("without files:write (missing_scope on the upload) the digest still goes out once, saying the chart is unavailable", async () => {
    h.emulator.injectFault({ method: "files.getUploadURLExternal", error: "missing_scope" });
    const { digest, before, callsFrom } = await reportAndSettle();
    expect(digest.text).toMatch(/Total: [\d,]+/);
    expect(digest.text).toContain("Chart unavailable");
    expect(JSON.stringify(digest.blocks)).toContain("Chart unavailable");
    expect(imageFileId(digest)).toBeUndefined();
    expect(topLevel("C0OFFERS")).toHaveLength(before + 1);
    // A permission problem does not heal by trying again: no second upload into the thread.
    await h.ephemeral(await h.command("help"));
    const uploads = h.emulator.calls
      .slice(callsFrom)
      .filter((c) => c.method === "files.getUploadURLExternal");
    expect(uploads.map((c) => c.outcome)).toEqual(["missing_scope"]);
  });

  test("when Slack refuses the image block (invalid_blocks) the text is posted once without it and the chart goes into the thread", async () => {
    h.emulator.injectFault({ method: "chat.postMessage", error: "invalid_blocks" });
    const { digest, before } = await reportAndSettle();
    expect(digest.text).toMatch(/Total: [\d,]+/);
    expect(imageFileId(digest)).toBeUndefined();
    const inThread = await waitFor(
      h.emulator,
      () => h.emulator.messagesIn("C0OFFERS").find((m) => m.thread_ts === digest.ts && m.files.length > 0),
      "the chart in the digest's thread",
    );
    expect(h.emulator.files.get(inThread.files[0]?.id ?? "")?.completed).toBe(true);
    expect(topLevel("C0OFFERS")).toHaveLength(before + 1);
  });
});

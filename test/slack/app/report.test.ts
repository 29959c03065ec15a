/**
 * `/offers help` and `/offers report ...` end to end: a signed slash command in, the Web API calls
 * out, and the digest's numbers checked against the simulator's own count of usages.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startApp } from "../support/harness.ts";
import { blocksText } from "../support/text.ts";
import { changePercent, digits, truthFor } from "../support/truth.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("/offers help", () => {
  test("answers only the caller with every verb and working examples", async () => {
    const sent = await h.command("help");
    expect(sent.ack.status).toBe(200);
    const reply = await h.ephemeral(sent);
    const shown = `${reply.text}\n${blocksText(reply.blocks)}`;
    for (const line of [
      "/offers report last 7d interval=1d",
      "/offers report last 24h interval=1h by=member_gender offer_type=birthday,welcome",
      "/offers subscribe daily 08:00 last 24h interval=1h",
      '/offers subscribe cron "*/5 * * * *" tz=Europe/Oslo last 1h interval=5m',
      "/offers alert below 5 per 1h offer_type=birthday",
      "/offers alert anomaly per 1h",
      "/offers list",
      "/offers pause 12",
    ]) {
      expect(shown).toContain(line);
    }
    expect(reply.ephemeralUser).toBe(sent.who.userId);
    expect(h.emulator.messagesIn(sent.who.channelId)).toHaveLength(0);
  });
});

describe("/offers report last 7d interval=1d", () => {
  test("posts one message whose text and blocks carry the simulator's total, the change, the range and zone, and an uploaded chart", async () => {
    const callsBefore = h.emulator.calls.length;
    const sent = await h.command("report last 7d interval=1d");
    expect(sent.ack.status).toBe(200);
    expect(sent.ack.json?.response_type).toBe("ephemeral");
    const message = await h.posted(sent);
    const truth = truthFor(h, "last 7d interval=1d");
    expect(truth.total).toBeGreaterThan(1000);

    // Fallback text: "Total: 9,676 · Change: ▲ +2.3% vs 9,460 · 2025-08-20 to 2025-08-26 (Europe/Oslo)"
    const m = /Total: ([\d,]+) · Change: [▲▼] [+-]([\d.]+)% vs ([\d,]+) · (.+) \((.+)\)/.exec(message.text);
    expect(m, message.text).not.toBeNull();
    const [, total = "", change = "", previous = "", range = "", zone = ""] = m ?? [];
    expect(digits(total)).toBe(truth.total);
    expect(digits(previous)).toBe(truth.previous);
    expect(change).toBe(changePercent(truth.total, truth.previous));
    expect(range).toBe("2025-08-20 to 2025-08-26");
    expect(zone).toBe("Europe/Oslo");
    expect(message.text).toMatch(truth.total > truth.previous ? /▲/ : /▼/);

    const shown = blocksText(message.blocks);
    expect(shown).toContain(`*Total*\n${total}`);
    expect(shown).toContain(`+${change}%`.replace("+", truth.total > truth.previous ? "+" : "-"));
    expect(shown).toContain(previous);
    expect(shown).toContain("2025-08-20 to 2025-08-26 · Europe/Oslo");

    // The chart: uploaded privately with the v2 calls, then referenced by id in an image block.
    const calls = h.emulator.calls.slice(callsBefore);
    const get = calls.find((c) => c.method === "files.getUploadURLExternal");
    const complete = calls.find((c) => c.method === "files.completeUploadExternal");
    expect(get?.outcome).toBe("ok");
    expect(complete?.outcome).toBe("ok");
    const image = (message.blocks as { type: string; slack_file?: { id: string } }[]).find(
      (b) => b.type === "image",
    );
    const fileId = image?.slack_file?.id ?? "";
    expect(fileId).toMatch(/^F/);
    expect(String(complete?.args.files)).toContain(fileId);
    const file = h.emulator.files.get(fileId);
    expect(file?.completed).toBe(true);
    expect(file?.bytes?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file?.length).toBe(file?.bytes?.length);
    // The completion happens before the post, so the image is usable when the message lands.
    expect(calls.findIndex((c) => c.method === "files.completeUploadExternal")).toBeLessThan(
      calls.findIndex((c) => c.method === "chat.postMessage"),
    );

    expect(h.emulator.messagesIn(sent.who.channelId).filter((x) => x.ts >= message.ts)).toHaveLength(1);
    expect(calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });
});

describe("/offers report last 24h interval=1h by=member_gender offer_type=birthday,welcome", () => {
  test("posts the filtered total and a breakdown by gender that add up to the simulator's counts", async () => {
    const words = "last 24h interval=1h by=member_gender offer_type=birthday,welcome";
    const sent = await h.command(`report ${words}`);
    expect(sent.ack.status).toBe(200);
    const message = await h.posted(sent);
    const truth = truthFor(h, words);
    const unfiltered = truthFor(h, "last 24h interval=1h");
    expect(truth.total).toBeLessThan(unfiltered.total);

    const m = /Total: ([\d,]+) · Change: [▲▼] [+-]([\d.]+)% vs ([\d,]+) · (.+) \((.+)\)/.exec(message.text);
    expect(m, message.text).not.toBeNull();
    expect(digits(m?.[1] ?? "")).toBe(truth.total);
    expect(digits(m?.[3] ?? "")).toBe(truth.previous);
    expect(m?.[2]).toBe(changePercent(truth.total, truth.previous));
    expect(m?.[5]).toBe("Europe/Oslo");

    const shown = blocksText(message.blocks);
    expect(shown).toMatch(/birthday/);
    expect(shown).toMatch(/welcome/);
    for (const gender of ["female", "male"]) {
      const expected = truthFor(h, words, [{ field: "member_gender", values: [gender] }]).total;
      // "`█████░░░░░` female: 34 (50%)": the bar ends with a backtick, so "male" cannot match inside "female".
      const line = new RegExp(`\` ${gender}: ([\\d,]+) \\(`).exec(shown);
      expect(line, `${gender} in\n${shown}`).not.toBeNull();
      expect(digits(line?.[1] ?? ""), shown).toBe(expected);
    }
    expect((message.blocks as { type: string }[]).some((b) => b.type === "image")).toBe(true);
  });
});

describe("acknowledging before the work", () => {
  test("a report is acknowledged at once even when Placewise is slow; the digest follows", async () => {
    const sim = h.runtime.placewise.simulator;
    if (sim === null) throw new Error("the runtime is not using the built-in simulator");
    sim.setLatency(800);
    try {
      const started = performance.now();
      // Other words than above, so the client's cache cannot answer for Placewise.
      const sent = await h.command("report last 30d interval=1d offer_type=reward");
      expect(sent.ack.status).toBe(200);
      expect(sent.ack.json?.text).toContain("Working on it");
      expect(sent.ack.ms).toBeLessThan(400);
      await h.posted(sent);
      expect(performance.now() - started).toBeGreaterThanOrEqual(800);
    } finally {
      sim.setLatency(0);
    }
  });
});

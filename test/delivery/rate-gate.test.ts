import { describe, expect, it } from "vitest";
import { MemoryRateGate, type Rate } from "../../src/delivery/rate-gate.ts";

const T0 = Date.parse("2025-08-27T08:00:00Z");

describe("delivery: the in-memory rate gate", () => {
  it("spaces calls under one key by the interval and lets other keys go at once", async () => {
    const gate = new MemoryRateGate();
    const rate: Rate = { intervalMs: 1100, burst: 1 };
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await gate.reserve("chat.postMessage:C0A", rate, T0));
    expect(waits).toEqual([0, 1100, 2200, 3300]);
    expect(await gate.reserve("chat.postMessage:C0B", rate, T0)).toBe(0);
  });

  it("lets a burst through after a quiet spell, then spaces the rest", async () => {
    const gate = new MemoryRateGate();
    const rate: Rate = { intervalMs: 600, burst: 3 };
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await gate.reserve("files.getUploadURLExternal", rate, T0));
    expect(waits).toEqual([0, 0, 0, 600, 1200]);
    expect(await gate.reserve("files.getUploadURLExternal", rate, T0 + 60_000)).toBe(0);
  });

  it("holds a key for Retry-After, burst or not, and only that key", async () => {
    const gate = new MemoryRateGate();
    const rate: Rate = { intervalMs: 600, burst: 3 };
    await gate.holdUntil("files.completeUploadExternal", T0 + 5_000, rate);
    expect(await gate.reserve("files.completeUploadExternal", rate, T0)).toBe(5_000);
    expect(await gate.reserve("files.getUploadURLExternal", rate, T0)).toBe(0);
  });
});

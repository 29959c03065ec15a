import { afterEach, describe, expect, it } from "vitest";
import { decideFailure } from "../../jobs/failure.ts";
import { DeliveryError } from "../../src/delivery/index.ts";
import { PlacewiseError } from "../../src/placewise/errors.ts";
import { InputError } from "../../src/util/errors.ts";
import { type Harness, startHarness } from "./harness.ts";

const removed = new DeliveryError("not_in_channel", "permanent", "the bot was removed from <#C1>");
const revoked = new DeliveryError("token_revoked", "permanent", "the bot's Slack token was revoked");
const slack503 = new DeliveryError("http_503", "transient", "Slack answered HTTP 503");
const pw503 = new PlacewiseError("unavailable", "Placewise answered 503");
const pwAuth = new PlacewiseError("auth", "Placewise refused the client token");
const pwShape = new PlacewiseError("bad_response", "Placewise answered a body that is not JSON");
const badWords = new InputError("`last 7x` is not a range");
const surprise = new Error("socket hang up");

type Row = [
  name: string,
  error: unknown,
  attempt: number,
  failuresBefore: number,
  retryInMs: number | null,
  paused: boolean,
  told: boolean,
];

// retryInMs: 1 s after attempt 1, 4 s after attempt 2, none after attempt 3 (ATTEMPTS_PER_RUN).
const table: Row[] = [
  ["bot removed from the channel: pause at once, no retry", removed, 1, 0, null, true, true],
  ["token revoked: pause at once", revoked, 1, 2, null, true, true],
  ["Placewise refuses our token: pause at once", pwAuth, 1, 0, null, true, true],
  ["a query that no longer parses: pause at once", badWords, 1, 0, null, true, true],
  ["Slack 503 on the first attempt: retry in 1 s, tell nobody", slack503, 1, 0, 1_000, false, false],
  ["Placewise 503 on the second attempt: retry in 4 s", pw503, 2, 0, 4_000, false, false],
  ["a malformed Placewise body: retried like a 5xx", pwShape, 1, 0, 1_000, false, false],
  ["an unknown error: retried", surprise, 1, 0, 1_000, false, false],
  ["503 on the last attempt, first failed run: tell, keep going", pw503, 3, 0, null, false, true],
  [
    "503 on the last attempt, second failed run in a row: tell, keep going",
    slack503,
    3,
    1,
    null,
    false,
    true,
  ],
  ["503 on the last attempt, third failed run in a row: pause", pw503, 3, 2, null, true, true],
  ["a success in between reset the streak: tell only", surprise, 3, 0, null, false, true],
];

describe("decideFailure", () => {
  it.each(table)("%s", (_name, error, attempt, before, retryInMs, paused, told) => {
    const d = decideFailure(error, attempt, before);
    expect(d.retryInMs).toBe(retryInMs);
    expect(d.pauseReason !== null).toBe(paused);
    expect(d.notifyCreator).toBe(told);
  });

  it("the pause reason says what broke and how to fix it", () => {
    expect(decideFailure(removed, 1, 0).pauseReason).toBe("the bot was removed from <#C1>");
    expect(decideFailure(pw503, 3, 2).pauseReason).toBe(
      "3 runs in a row failed; last error: Placewise answered 503",
    );
  });
});

describe("failed runs through the worker, the store and Slack", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("three failed runs in a row pause the subscription, and the creator is told the reason once", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.simulator.injectFault({ kind: "status", status: 503, times: 100_000 });
    // A transient failure is tried again for 15 minutes (deliver-digest.ts): the :16 ticks end it.
    for (const t of ["06:00", "06:16", "07:00", "07:16"]) await h.tickAt(`2026-06-10T${t}:00Z`);
    // Two failed runs: told each time, still active.
    expect((await h.reload(sub)).state).toBe("active");
    expect(h.dms().filter((m) => m.text.includes("is paused"))).toHaveLength(0);

    for (const t of ["08:00", "08:16"]) await h.tickAt(`2026-06-10T${t}:00Z`);
    const paused = await h.reload(sub);
    expect(paused.state).toBe("paused");
    expect(paused.pausedReason).toMatch(/^3 runs in a row failed; last error: .*503/);
    // Later ticks neither run the paused subscription nor tell the creator again.
    for (const t of ["09:00", "10:00", "11:00"]) await h.tickAt(`2026-06-10T${t}:00Z`);
    const pauses = h.dms().filter((m) => m.text.includes("is paused"));
    expect(pauses).toHaveLength(1);
    expect(pauses[0]?.text).toContain(`/offers resume ${sub.id}`);
    expect(pauses[0]?.text).toContain("3 runs in a row failed");
    expect((await h.runs(sub)).map((r) => r.state)).toEqual(["failed", "failed", "failed"]);
    expect(h.digests()).toHaveLength(0);
  });

  it("a delivered run between failures starts the count again: two, a success, two more do not pause", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.simulator.injectFault({ kind: "status", status: 503, times: 100_000 });
    for (const t of ["06:00", "06:16", "07:00", "07:16"]) await h.tickAt(`2026-06-10T${t}:00Z`);
    h.simulator.clearFaults();
    await h.tickAt("2026-06-10T08:00:00Z");
    h.simulator.injectFault({ kind: "status", status: 503, times: 100_000 });
    for (const t of ["09:00", "09:16", "10:00", "10:16"]) await h.tickAt(`2026-06-10T${t}:00Z`);

    const after = await h.reload(sub);
    expect(after.state).toBe("active");
    expect(after.consecutiveFailures).toBe(2);
    expect(h.digests()).toHaveLength(1);
    expect(h.dms().filter((m) => m.text.includes("is paused"))).toHaveLength(0);
  });
});

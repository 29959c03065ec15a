import { describe, expect, it } from "vitest";
import { ATTEMPTS_PER_RUN, decideFailure, MAX_CONSECUTIVE_FAILURES } from "../../jobs/failure.ts";
import { PlacewiseError } from "../../src/placewise/errors.ts";
import { DeliveryError } from "../../src/slack/delivery/index.ts";
import { InputError } from "../../src/util/errors.ts";

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
  it("retries 3 attempts per run and pauses after 3 failed runs", () => {
    expect(ATTEMPTS_PER_RUN).toBe(3);
    expect(MAX_CONSECUTIVE_FAILURES).toBe(3);
  });

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

import { describe, expect, it } from "vitest";
import { type RetryPolicy, retryDelayMs } from "../../../src/placewise/client/retry.ts";
import { errorForStatus } from "../../../src/placewise/client/status.ts";
import { PlacewiseError } from "../../../src/placewise/errors.ts";

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 30_000 };
const err = (status: number, retryAfter?: string) =>
  errorForStatus(status, '{"error":"x"}', retryAfter === undefined ? {} : { "retry-after": retryAfter }, 0);

describe("retry policy", () => {
  it.each([
    [400, null],
    [401, null],
    [402, null],
    [403, null],
    [404, null],
    [422, null],
    [460, null],
    [470, null],
    [471, null],
  ])("never retries a %i", (status, expected) => {
    expect(retryDelayMs(err(status), 1, policy, () => 1)).toBe(expected);
  });

  it("retries 503 and other 5xx with capped exponential backoff and full jitter", () => {
    expect(retryDelayMs(err(503), 1, policy, () => 0.999)).toBe(499);
    expect(retryDelayMs(err(500), 2, policy, () => 0.999)).toBe(999);
    expect(retryDelayMs(err(502), 3, policy, () => 0.5)).toBe(1000);
    expect(retryDelayMs(err(503), 1, policy, () => 0)).toBe(0);
    expect(retryDelayMs(err(503), 3, { ...policy, maxDelayMs: 700 }, () => 0.999)).toBe(699);
  });

  it("waits out Retry-After on 429 but gives up when it is longer than the cap", () => {
    expect(retryDelayMs(err(429, "2"), 1, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(err(429, "31"), 1, policy, () => 0)).toBeNull();
  });

  it("retries network errors and one attempt's timeout, and stops after maxAttempts", () => {
    const network = new PlacewiseError("unavailable", "ECONNRESET");
    expect(retryDelayMs(network, 1, policy, () => 0.5)).toBe(250);
    expect(retryDelayMs(new PlacewiseError("timeout", "t"), 1, policy, () => 0.5)).toBe(250);
    expect(retryDelayMs(network, 4, policy, () => 0.5)).toBeNull();
    expect(retryDelayMs(new Error("bug"), 1, policy, () => 0.5)).toBeNull();
  });
});

describe("status errors", () => {
  it("names the missing permit of a 403", () => {
    const e = errorForStatus(
      403,
      '{"error":"Missing permit Reporting:Api:Report:OffersUsagesHistory"}',
      {},
      0,
    );
    expect(e.code).toBe("permission");
    expect(e.message).toMatch(/lacks the permit Reporting:Api:Report:OffersUsagesHistory/);
  });

  it("carries the API's details on a 422", () => {
    const e = errorForStatus(422, '{"error":"Invalid parameters","details":{"interval":["bad"]}}', {}, 0);
    expect(e.code).toBe("invalid_query");
    expect(e.details.apiDetails).toEqual({ interval: ["bad"] });
    expect(e.message).toMatch(/"interval":\["bad"\]/);
  });

  it.each([
    [401, "auth"],
    [460, "auth"],
    [402, "permission"],
    [429, "rate_limited"],
    [503, "unavailable"],
    [500, "unavailable"],
    [400, "invalid_query"],
    [470, "invalid_query"],
  ])("maps %i to %s", (status, code) => {
    expect(errorForStatus(status, "oops", {}, 0).code).toBe(code);
  });
});

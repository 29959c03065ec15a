import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { classifySlackError, DeliveryError } from "../../src/delivery/index.ts";

const platform = (error: string, extra: Record<string, unknown> = {}) =>
  new WebAPIPlatformError({ ok: false, error, ...extra });
const timeout = () => {
  const e = new Error("The operation was aborted due to timeout");
  e.name = "TimeoutError";
  return new WebAPIRequestError(e);
};

describe("classifySlackError decides what can heal by waiting", () => {
  it.each([
    [platform("channel_not_found"), "permanent", "channel_not_found"],
    [platform("not_in_channel"), "permanent", "not_in_channel"],
    [platform("is_archived"), "permanent", "is_archived"],
    [platform("account_inactive"), "permanent", "account_inactive"],
    [platform("token_revoked"), "permanent", "token_revoked"],
    [platform("invalid_auth"), "permanent", "invalid_auth"],
    [platform("missing_scope", { needed: "files:write" }), "permanent", "missing_scope"],
    [platform("not_authed"), "permanent", "not_authed"],
    [platform("team_access_not_granted"), "permanent", "team_access_not_granted"],
    [platform("ekm_access_denied"), "permanent", "ekm_access_denied"],
    [platform("restricted_action"), "permanent", "restricted_action"],
    [platform("invalid_blocks"), "permanent", "invalid_blocks"],
    [platform("internal_error"), "transient", "internal_error"],
    [platform("fatal_error"), "transient", "fatal_error"],
    [platform("service_unavailable"), "transient", "service_unavailable"],
    [platform("ratelimited"), "transient", "ratelimited"],
    [platform("rate_limited"), "transient", "ratelimited"],
    [new WebAPIRateLimitedError(30), "transient", "ratelimited"],
    [new WebAPIHTTPError(500, "Internal Server Error", {}, "{}"), "transient", "http_500"],
    [new WebAPIHTTPError(503, "Service Unavailable", {}, "<html>"), "transient", "http_503"],
    [new WebAPIHTTPError(429, "Too Many Requests", {}, ""), "transient", "ratelimited"],
    [new WebAPIHTTPError(400, "Bad Request", {}, ""), "permanent", "http_400"],
    [timeout(), "transient", "timeout"],
    [new WebAPIRequestError(new TypeError("fetch failed")), "transient", "network"],
    [Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "transient", "network"],
    [
      new DeliveryError("not_in_channel", "permanent", "the bot was removed from <#C0DIGEST>"),
      "permanent",
      "not_in_channel",
    ],
    ["something odd", "transient", "unknown"],
  ])("%s is %s (%s)", (error, kind, code) => {
    const c = classifySlackError(error, { channel: "C0DIGEST" });
    expect(c.kind).toBe(kind);
    expect(c.code).toBe(code);
    expect(c.reason.length).toBeGreaterThan(10);
  });

  it("says in a sentence what happened and how to fix it, naming the channel", () => {
    expect(classifySlackError(platform("not_in_channel"), { channel: "C0DIGEST" }).reason).toBe(
      "the bot was removed from <#C0DIGEST>; invite it back with /invite, then resume",
    );
    expect(classifySlackError(platform("missing_scope", { needed: "files:write" })).reason).toContain(
      "files:write",
    );
    expect(classifySlackError(new WebAPIRateLimitedError(30)).retryAfterSeconds).toBe(30);
  });
});

import { describe, expect, it } from "vitest";
import { ChartError } from "../../src/charts/errors.ts";
import { ConfigError } from "../../src/config.ts";
import { DeliveryError } from "../../src/delivery/errors.ts";
import { SandboxError } from "../../src/local/sandbox/types.ts";
import { PlacewiseError } from "../../src/placewise/errors.ts";
import { ScheduleError } from "../../src/schedule/errors.ts";
import { StoreError } from "../../src/store/errors.ts";
import { CodedError, InputError } from "../../src/util/errors.ts";

const cause = new Error("socket hang up");

describe("the project's errors share one coded base", () => {
  // ScheduleError is named InputError on purpose: callers show any InputError to the user.
  const cases: Array<[string, CodedError, string, string, unknown]> = [
    [
      "StoreError",
      new StoreError("not_found", "Create it first.", { cause }),
      "not_found",
      "Create it first.",
      cause,
    ],
    [
      "ChartError",
      new ChartError("render_failed", "Chart failed.", { cause }),
      "render_failed",
      "Chart failed.",
      cause,
    ],
    [
      "PlacewiseError",
      new PlacewiseError("timeout", "Placewise did not answer.", { cause }),
      "timeout",
      "Placewise did not answer.",
      cause,
    ],
    [
      "DeliveryError",
      new DeliveryError("not_in_channel", "permanent", "Invite the bot.", { cause }),
      "not_in_channel",
      "Invite the bot.",
      cause,
    ],
    [
      "SandboxError",
      new SandboxError("bad_host", "Use 127.0.0.1.", 403),
      "bad_host",
      "Use 127.0.0.1.",
      undefined,
    ],
    ["InputError", new InputError("Unknown word.", "frobs"), "invalid_input", "Unknown word.", undefined],
    ["InputError", new ScheduleError("bad_time", "Use 08:30.", "24:00"), "bad_time", "Use 08:30.", undefined],
    [
      "ConfigError",
      new ConfigError("PORT", "must be a number"),
      "invalid_config",
      "PORT: must be a number",
      undefined,
    ],
  ];

  it.each(cases)("%s (%#) keeps its name, code, message and cause", (name, e, code, message, expected) => {
    expect(e).toBeInstanceOf(CodedError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    expect(e.cause).toBe(expected);
    // No cause given: the key is absent, so logs do not print `cause: undefined`.
    if (expected === undefined) expect("cause" in e).toBe(false);
  });

  it("a schedule error is still an input error (safe to show the user)", () => {
    expect(new ScheduleError("too_frequent", "At most every 15 minutes.")).toBeInstanceOf(InputError);
  });
});

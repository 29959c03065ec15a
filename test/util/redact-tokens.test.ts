import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/util/log.ts";
import { redactTokensIn } from "../../src/util/redact.ts";

describe("Slack tokens in text", () => {
  it("are masked to their prefix, whatever surrounds them", () => {
    expect(redactTokensIn('{"token":"xoxb-T0MALLA-1a2b3c4d5e6f"}')).toBe('{"token":"xoxb-***"}');
    expect(redactTokensIn("refresh xoxe.xoxb-1-abcdefgh and app xapp-1-A0-123456")).toBe(
      "refresh xoxe.xoxb-*** and app xapp-***",
    );
    expect(redactTokensIn("xoxp-123456789-abc, then text")).toBe("xoxp-***, then text");
    // Words that only look alike stay.
    expect(redactTokensIn("xoxb- is the prefix; boxb-1234567")).toBe("xoxb- is the prefix; boxb-1234567");
  });

  it("never reach a log line, even inside an error object", () => {
    const lines: string[] = [];
    const log = createLogger("info", (l) => lines.push(l));
    log.error("call failed", { error: new Error("invalid_auth for xoxb-T0MALLA-deadbeefcafe") });
    expect(lines.join("\n")).not.toContain("deadbeefcafe");
    expect(lines.join("\n")).toContain("xoxb-***");
  });
});

/** OAuth mode's variables: all three or none, ENCRYPTION_KEY required and 32 bytes, one clear line each. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, parseConfig } from "../src/config.ts";

const KEY = randomBytes(32).toString("base64");
const OAUTH = {
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "shh-client-secret",
  SLACK_STATE_SECRET: "a-long-random-state-secret",
  SLACK_SIGNING_SECRET: "signing",
  ENCRYPTION_KEY: KEY,
};

function problem(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("OAuth configuration", () => {
  it("all three SLACK_CLIENT_* variables and a key switch on oauth mode, with no bot token", () => {
    const c = parseConfig(OAUTH);
    expect(c.slack.mode).toBe("oauth");
    expect(c.slack.oauth?.encryptionKey).toHaveLength(32);
    expect(c.slack.oauth?.authorizeUrl).toBe("https://slack.com/oauth/v2/authorize");
    const line = describeConfig(c);
    expect(line).toContain("oauth (many workspaces)");
    expect(line).not.toContain("shh-client-secret");
  });

  it("names the missing variable when only some are set", () => {
    const { SLACK_STATE_SECRET: _, ...rest } = OAUTH;
    expect(problem(rest)).toMatch(
      /^SLACK_STATE_SECRET: is required with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET/,
    );
  });

  it("requires ENCRYPTION_KEY of 32 bytes and never prints it", () => {
    const { ENCRYPTION_KEY: _, ...rest } = OAUTH;
    expect(problem(rest)).toMatch(
      /^ENCRYPTION_KEY: is required with SLACK_CLIENT_ID.*openssl rand -base64 32/,
    );
    const short = randomBytes(16).toString("base64");
    const msg = problem({ ...OAUTH, ENCRYPTION_KEY: short });
    expect(msg).toMatch(/^ENCRYPTION_KEY: must be 32 bytes in base64/);
    expect(msg).not.toContain(short);
    expect(problem({ ...OAUTH, ENCRYPTION_KEY_OLD: "not base64!" })).toMatch(
      /^ENCRYPTION_KEY_OLD: must be 32 bytes/,
    );
  });

  it("refuses a bot token beside the OAuth variables, and a short state secret", () => {
    expect(problem({ ...OAUTH, SLACK_BOT_TOKEN: "xoxb-1" })).toMatch(
      /^SLACK_BOT_TOKEN: must not be set with SLACK_CLIENT_ID/,
    );
    expect(problem({ ...OAUTH, SLACK_STATE_SECRET: "short" })).toMatch(
      /^SLACK_STATE_SECRET: must be at least 16/,
    );
    const { SLACK_SIGNING_SECRET: _, ...rest } = OAUTH;
    expect(problem(rest)).toMatch(/^SLACK_SIGNING_SECRET: is required with SLACK_CLIENT_ID/);
  });

  it("single-workspace and sandbox modes are as before", () => {
    expect(parseConfig({}).slack.mode).toBe("sandbox");
    expect(parseConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack.oauth).toBeUndefined();
  });
});

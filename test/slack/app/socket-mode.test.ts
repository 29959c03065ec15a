/**
 * Socket Mode, the README's alternative to a public URL: with SLACK_APP_TOKEN the bot opens the
 * connection itself (apps.connections.open at SLACK_API_URL), acks envelopes over the socket, and
 * still answers and posts through the Web API.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseConfig } from "../../../src/config.ts";
import type { EmulatorMessage, SlackEmulator } from "../../../src/local/slack-emulator/index.ts";
import { type Runtime, startRuntime } from "../../../src/runtime.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { silentLogger } from "../../../src/util/log.ts";
import { NOW } from "../support/harness.ts";
import { APP_TOKEN, type SocketModeSlack, startSocketModeSlack } from "../support/socket-mode.ts";
import { waitFor } from "../support/wait.ts";
import { CHANNELS, startWorkspace, TEAM, USERS } from "../support/workspace.ts";

let emulator: SlackEmulator;
let slack: SocketModeSlack;
let runtime: Runtime;
let dir: string;

beforeAll(async () => {
  const clock = new ManualClock(NOW);
  emulator = await startWorkspace(clock);
  slack = await startSocketModeSlack(emulator);
  dir = mkdtempSync(join(tmpdir(), "offer-digest-socket-"));
  const config = parseConfig({
    SLACK_BOT_TOKEN: emulator.token,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: `file:${join(dir, "x.sqlite")}`,
    PORT: "0",
  });
  expect(config.slack.mode).toBe("socket");
  runtime = await startRuntime(config, { role: "web", host: "127.0.0.1", log: silentLogger, clock });
  await slack.connected();
});

afterAll(async () => {
  await runtime?.stop();
  await slack?.close();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

function command(text: string): Record<string, string> {
  return {
    token: "deprecated-verification-token",
    team_id: TEAM,
    team_domain: "acme",
    channel_id: CHANNELS.offers.id,
    channel_name: CHANNELS.offers.name,
    user_id: USERS.creator.id,
    user_name: USERS.creator.name,
    command: "/offers",
    text,
    api_app_id: "A0OFFERS01",
    is_enterprise_install: "false",
    response_url: emulator.responseUrl(CHANNELS.offers.id, USERS.creator.id),
    trigger_id: "1.2.3",
  };
}

describe("Socket Mode", () => {
  test("/offers help is acked over the socket and answered only to the caller", async () => {
    const since = emulator.messagesIn(CHANNELS.offers.id, { ephemeral: true }).length;
    await slack.send("slash_commands", command("help"));
    const answer = await waitFor(
      emulator,
      () =>
        emulator
          .messagesIn(CHANNELS.offers.id, { ephemeral: true })
          .slice(since)
          .find((m) => m.ephemeral),
      "the help answer",
    );
    expect(answer.text).toContain("/offers report last 7d interval=1d");
  });

  test("/offers report last 7d interval=1d acks 'Working on it' over the socket and posts the digest with its chart", async () => {
    const before = emulator.messagesIn(CHANNELS.offers.id).length;
    const ack = (await slack.send("slash_commands", command("report last 7d interval=1d"))) as {
      text?: string;
    };
    expect(ack.text).toContain("Working on it");
    const digest: EmulatorMessage = await waitFor(
      emulator,
      () =>
        emulator
          .messagesIn(CHANNELS.offers.id)
          .slice(before)
          .find((m) => m.text.includes("Total:")),
      "the digest",
      8_000,
    );
    expect((digest.blocks as { type: string }[]).some((b) => b.type === "image")).toBe(true);
  });

  test("a mistake is answered in the ack itself", async () => {
    const ack = (await slack.send("slash_commands", command("report last 7d interval=2h"))) as {
      text?: string;
    };
    expect(ack.text).toContain("interval=2h");
    expect(ack.text).toContain("1h");
  });
});

/**
 * Alerts through the whole bot: `/offers alert` as a signed slash command answered with the
 * preview, the worker's alert pass posting into the channel, and the snooze and mute buttons
 * pressed as Slack would send them (real Bolt app, emulator, SQLite, built-in simulator).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { evaluateDueAlerts } from "../../../jobs/evaluate-alert.ts";
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";
import { getAlertRule } from "../../../src/store/alerts.ts";
import { silentLogger } from "../../../src/util/log.ts";
import { type AppHarness, NOW, startApp } from "../../slack/support/harness.ts";
import { buttonsIn } from "../../slack/support/requests.ts";
import { idIn, shown } from "../../slack/support/text.ts";
import { waitFor } from "../../slack/support/wait.ts";
import { CHANNELS, TEAM, USERS } from "../../slack/support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

async function ask(text: string): Promise<string> {
  const sent = await h.command(text);
  expect(sent.ack.status).toBe(200);
  return shown(await h.ephemeral(sent, 20_000));
}

/** Presses a button of `message` and returns the ephemeral answer to the presser. */
async function press(message: EmulatorMessage, actionId: string, userId: string = USERS.creator.id) {
  const button = buttonsIn(message.blocks).find((b) => b.action_id === actionId);
  if (button === undefined) throw new Error(`no ${actionId} button`);
  const channel = message.channel;
  const since = h.emulator.messagesIn(channel, { ephemeral: true }).length;
  const ack = await h.press(message, button, { userId });
  expect(ack.status).toBe(200);
  const answer = await waitFor(
    h.emulator,
    () =>
      h.emulator
        .messagesIn(channel, { ephemeral: true })
        .slice(since)
        .find((m) => m.ephemeral && m.ephemeralUser === userId),
    `an answer to ${actionId}`,
  );
  return answer;
}

describe("/offers alert in Slack", () => {
  test("`alert below 5 per 1h offer_type=birthday` answers with the #id and the preview of the last 4 weeks", async () => {
    const answer = await ask("alert below 5 per 1h offer_type=birthday");
    expect(idIn(answer)).toBeGreaterThan(0);
    expect(answer).toMatch(
      /Over the last 4 weeks this rule would (not have fired|have fired (once|twice|\d+ times) \(last: \w{3} \d{1,2} \w{3} \d\d:\d\d\))\./,
    );
  });

  test("a firing alert's snooze and mute buttons work for its creator, are refused to others, and answer privately", async () => {
    const id = idIn(await ask("alert below 100000 per 1h"));
    // Everything is below 100,000: the first judged bucket opens an incident and posts it.
    await evaluateDueAlerts(h.runtime.deps, { owner: "test", leaseMs: 60_000, log: silentLogger });
    const fired = h.emulator
      .messagesIn(CHANNELS.offers.id)
      .find((m) => String(m.metadata?.event_payload.run_key ?? "").startsWith(`alert:${id}:`));
    if (fired === undefined) throw new Error("the alert did not post");

    const refused = await press(fired, "alert_snooze_1h", USERS.other.id);
    expect(shown(refused)).toContain("only <@");
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.snoozedUntil).toBeNull();

    const snoozed = await press(fired, "alert_snooze_1h");
    expect(shown(snoozed)).toContain(`Alert #${id} is snoozed until Wed 27 Aug 11:07 (Europe/Oslo)`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.snoozedUntil).toBe(NOW + 3_600_000);

    await press(fired, "alert_snooze_tomorrow");
    // 08:00 Oslo time (+02:00) the next morning.
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.snoozedUntil).toBe(
      Date.parse("2025-08-28T06:00:00Z"),
    );

    const muted = await press(fired, "alert_mute");
    expect(shown(muted)).toContain(`Alert #${id} is muted`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.muted).toBe(true);
    const unmuted = await press(muted, "alert_unmute");
    expect(shown(unmuted)).toContain(`Alert #${id} is unmuted`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.muted).toBe(false);
  });
});

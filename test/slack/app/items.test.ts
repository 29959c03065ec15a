/**
 * The contract lines that save and manage things: subscribe, alert, list, pause, resume, delete and
 * run, each as a signed slash command; answers read from the emulator, rows from the database.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getAlertRule } from "../../../src/store/alerts.ts";
import { getSubscription } from "../../../src/store/subscriptions.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { idIn, shown } from "../support/text.ts";
import { truthFor } from "../support/truth.ts";
import { extraChannelId, TEAM } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp({ extraChannels: 1 });
});
afterAll(async () => {
  await h?.close();
});

/** Sends a command and returns the ephemeral answer the caller sees. */
async function ask(text: string, channelId?: string) {
  const sent = await h.command(text, channelId === undefined ? {} : { channelId });
  expect(sent.ack.status).toBe(200);
  const answer = await h.ephemeral(sent);
  return { sent, answer, all: shown(answer) };
}

describe("/offers subscribe", () => {
  test("daily 08:00 last 24h interval=1h answers with the new #id and the next run in Oslo time, and saves it", async () => {
    const { all } = await ask("subscribe daily 08:00 last 24h interval=1h");
    const id = idIn(all);
    expect(id).toBeGreaterThan(0);
    // The harness clock is Wed 27 Aug 10:07 in Oslo, so 08:00 today has passed.
    expect(all).toContain("Thu 28 Aug 08:00");
    expect(all).toContain("Europe/Oslo");
    const row = await getSubscription(h.runtime.deps.db, TEAM, id);
    expect(row).toMatchObject({
      state: "active",
      cron: "0 8 * * *",
      timezone: "Europe/Oslo",
      query: "last 24h interval=1h",
      nextRunAt: Date.parse("2025-08-28T06:00:00Z"),
    });
  });

  test.each([
    ['cron "*/5 * * * *" tz=Europe/Oslo last 1h interval=5m', "straight quotes"],
    ["cron “*/5 * * * *” tz=Europe/Oslo last 1h interval=5m", "smart quotes as Slack on a Mac types them"],
  ])("%s (%s) saves a five-minute schedule whose next run is 10:10 Oslo time", async (words) => {
    const { all } = await ask(`subscribe ${words}`);
    const id = idIn(all);
    expect(all).toContain("Wed 27 Aug 10:10");
    expect(all).toContain("Europe/Oslo");
    const row = await getSubscription(h.runtime.deps.db, TEAM, id);
    expect(row).toMatchObject({
      state: "active",
      cron: "*/5 * * * *",
      timezone: "Europe/Oslo",
      nextRunAt: Date.parse("2025-08-27T08:10:00Z"),
    });
  });
});

describe("/offers alert", () => {
  test("below 5 per 1h offer_type=birthday answers with the new #id and saves the rule", async () => {
    const { all } = await ask("alert below 5 per 1h offer_type=birthday");
    const id = idIn(all);
    // The rule as typed or in words ("fewer than 5 usages per hour"), either names the 5.
    expect(all).toMatch(/below 5|fewer than 5/);
    const rule = await getAlertRule(h.runtime.deps.db, TEAM, id);
    expect(rule?.state).toBe("active");
    expect(rule?.query).toBe("offer_type=birthday");
    expect(rule?.ruleText).toMatch(/^below 5 per 1h/);
  });

  test("anomaly per 1h answers with the new #id and saves the rule", async () => {
    const { all } = await ask("alert anomaly per 1h");
    const id = idIn(all);
    expect(all).toMatch(/anomaly|abnormal/);
    const rule = await getAlertRule(h.runtime.deps.db, TEAM, id);
    expect(rule?.state).toBe("active");
    expect(rule?.ruleText).toMatch(/^anomaly per 1h/);
  });
});

describe("/offers list", () => {
  test("shows every subscription and alert of the channel with id, schedule or condition, state and next run", async () => {
    const sub = idIn((await ask("subscribe daily 08:00 last 24h interval=1h")).all);
    const alert = idIn((await ask("alert anomaly per 1h")).all);
    const { answer, all } = await ask("list");
    expect(all).toMatch(new RegExp(`#${sub}\\b[^\\n]*every day at 08:00`));
    expect(all).toMatch(new RegExp(`#${alert}\\b[^\\n]*(anomaly|abnormal)`));
    expect(all).toContain("next: Thu 28 Aug 08:00 Europe/Oslo");
    expect(all).toContain("active");
    // One actions block per item, its buttons carrying the item's id.
    const values = (answer.blocks as { type: string; elements?: { value?: string }[] }[])
      .filter((b) => b.type === "actions")
      .flatMap((b) => (b.elements ?? []).map((e) => e.value));
    expect(values).toContain(String(sub));
    expect(values).toContain(String(alert));
  });

  test("shows only the channel's own items: another channel's subscription is listed there, not here", async () => {
    const elsewhere = extraChannelId(0);
    const id = idIn((await ask("subscribe daily 08:00 last 24h interval=1h", elsewhere)).all);
    expect((await ask("list")).all).not.toMatch(new RegExp(`#${id}\\b`));
    expect((await ask("list", elsewhere)).all).toMatch(new RegExp(`#${id}\\b`));
  });
});

describe("/offers pause, resume, delete, run", () => {
  test("pause N stops the subscription, resume N gives it its next run again, delete N removes it from the list", async () => {
    const id = idIn((await ask("subscribe daily 08:00 last 24h interval=1h")).all);
    const db = h.runtime.deps.db;

    const paused = await ask(`pause ${id}`);
    expect(paused.all).toContain(`#${id} paused`);
    expect(await getSubscription(db, TEAM, id)).toMatchObject({ state: "paused", nextRunAt: null });
    expect((await ask("list")).all).toMatch(new RegExp(`#${id}\\b[\\s\\S]*?paused`));

    const resumed = await ask(`resume ${id}`);
    expect(resumed.all).toContain(`#${id} resumed`);
    expect(resumed.all).toContain("Thu 28 Aug 08:00");
    expect(await getSubscription(db, TEAM, id)).toMatchObject({
      state: "active",
      nextRunAt: Date.parse("2025-08-28T06:00:00Z"),
    });

    const deleted = await ask(`delete ${id}`);
    expect(deleted.all).toContain(`#${id} deleted`);
    expect((await getSubscription(db, TEAM, id))?.state).toBe("deleted");
    expect((await ask("list")).all).not.toMatch(new RegExp(`#${id}\\b`));
    expect((await ask(`pause ${id}`)).all).toContain(`no subscription or alert #${id}`);
  });

  test("pause N and resume N work on an alert too", async () => {
    const id = idIn((await ask("alert below 5 per 1h offer_type=birthday")).all);
    expect((await ask(`pause ${id}`)).all).toContain(`Alert #${id} paused`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("paused");
    expect((await ask(`resume ${id}`)).all).toContain(`Alert #${id} resumed`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
  });

  test("run N posts the subscription's digest into its channel now, with the simulator's total", async () => {
    const id = idIn((await ask("subscribe daily 08:00 last 24h interval=1h")).all);
    const sent = await h.command(`run ${id}`);
    expect(sent.ack.status).toBe(200);
    const digest = await h.posted(sent);
    const total = /Total: ([\d,]+)/.exec(digest.text)?.[1] ?? "";
    expect(Number(total.replace(/,/g, ""))).toBe(truthFor(h, "last 24h interval=1h").total);
    expect((digest.blocks as { type: string }[]).some((b) => b.type === "image")).toBe(true);
    const answer = await h.ephemeral(sent);
    expect(answer.text).toContain(`#${id} ran now`);
  });
});

/**
 * The same bot on PostgreSQL (DATABASE_URL=postgres://...): the saving and managing contract lines,
 * end to end, in a fresh schema. Skipped with a printed reason when TEST_DATABASE_URL is not set.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getSubscription } from "../../../src/store/subscriptions.ts";
import { targets } from "../../store/databases.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { idIn, shown } from "../support/text.ts";
import { truthFor } from "../support/truth.ts";
import { OTHER_TEAM, TEAM, USERS } from "../support/workspace.ts";

const postgres = targets.find((t) => t.name === "postgres");
const skipReason = postgres?.skipReason ?? "no PostgreSQL target";
if (postgres?.skipReason !== null) console.warn(`SKIPPED: Slack end to end on PostgreSQL: ${skipReason}.`);

describe.skipIf(postgres?.skipReason !== null)("the Slack app on PostgreSQL", () => {
  let h: AppHarness;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const created = await (postgres as NonNullable<typeof postgres>).create();
    drop = created.drop;
    h = await startApp({ databaseUrl: created.url });
  });
  afterAll(async () => {
    await h?.close();
    await drop();
  });

  async function ask(text: string, as: { userId?: string; teamId?: string } = {}): Promise<string> {
    const sent = await h.command(text, as);
    expect(sent.ack.status).toBe(200);
    const inAck = sent.ack.json?.text;
    if (inAck !== undefined && !inAck.includes("Working on it")) return inAck;
    return shown(await h.ephemeral(sent));
  }

  test("subscribe, alert, list, pause by an admin, resume, run and delete work as typed", async () => {
    const sub = idIn(await ask("subscribe daily 08:00 last 24h interval=1h"));
    const cron = idIn(await ask('subscribe cron "*/5 * * * *" tz=Europe/Oslo last 1h interval=5m'));
    const below = idIn(await ask("alert below 5 per 1h offer_type=birthday"));
    const anomaly = idIn(await ask("alert anomaly per 1h"));
    expect(new Set([sub, cron, below, anomaly]).size).toBe(4);

    const list = await ask("list");
    for (const id of [sub, cron, below, anomaly]) expect(list).toMatch(new RegExp(`#${id}\\b`));
    expect(list).toContain("next: Thu 28 Aug 08:00 Europe/Oslo");

    expect(await ask(`pause ${sub}`, { userId: USERS.other.id })).toContain(`<@${USERS.creator.id}>`);
    expect(await ask(`pause ${sub}`, { userId: USERS.admin.id })).toContain(`#${sub} paused`);
    expect((await getSubscription(h.runtime.deps.db, TEAM, sub))?.state).toBe("paused");
    expect(await ask(`resume ${sub}`)).toContain("Thu 28 Aug 08:00");

    const run = await h.command(`run ${sub}`);
    const digest = await h.posted(run);
    const total = Number((/Total: ([\d,]+)/.exec(digest.text)?.[1] ?? "").replace(/,/g, ""));
    expect(total).toBe(truthFor(h, "last 24h interval=1h").total);
    expect(shown(await h.ephemeral(run))).toContain(`#${sub} ran now`);

    expect(await ask(`delete ${cron}`)).toContain(`#${cron} deleted`);
    expect(await ask("list")).not.toMatch(new RegExp(`#${cron}\\b`));
  });

  test("another workspace cannot pause this one's ids", async () => {
    const id = idIn(await ask("subscribe daily 08:00 last 24h interval=1h"));
    expect(await ask(`pause ${id}`, { teamId: OTHER_TEAM, userId: USERS.admin.id })).toContain(
      `no subscription or alert #${id}`,
    );
  });
});

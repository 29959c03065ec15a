/**
 * Who may do what: the creator and workspace admins change an item, anyone may list and run it; the
 * bot refuses to save what it could never post; one workspace never sees another's ids.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getAlertRule } from "../../../src/store/alerts.ts";
import { getSubscription } from "../../../src/store/subscriptions.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { idIn, shown } from "../support/text.ts";
import { CHANNELS, OTHER_TEAM, TEAM, USERS } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

async function ask(text: string, as: { userId?: string; channelId?: string; teamId?: string } = {}) {
  const sent = await h.command(text, as);
  expect(sent.ack.status).toBe(200);
  const inAck = sent.ack.json?.text;
  if (inAck !== undefined && !inAck.includes("Working on it")) return inAck;
  return shown(await h.ephemeral(sent));
}

async function newSubscription(): Promise<number> {
  return idIn(await ask("subscribe daily 08:00 last 24h interval=1h", { userId: USERS.creator.id }));
}

describe("changing someone else's subscription", () => {
  test("a member who is neither creator nor admin is refused politely, told who can, and nothing changes", async () => {
    const id = await newSubscription();
    for (const verb of ["pause", "delete"]) {
      const answer = await ask(`${verb} ${id}`, { userId: USERS.other.id });
      expect(answer).toMatch(/^Sorry/);
      expect(answer).toContain(`<@${USERS.creator.id}>`);
      expect(answer).toContain("admin");
      expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
    }
  });

  test("a workspace admin can pause, resume and delete it", async () => {
    const id = await newSubscription();
    expect(await ask(`pause ${id}`, { userId: USERS.admin.id })).toContain(`#${id} paused`);
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("paused");
    expect(await ask(`resume ${id}`, { userId: USERS.admin.id })).toContain(`#${id} resumed`);
    expect(await ask(`delete ${id}`, { userId: USERS.admin.id })).toContain(`#${id} deleted`);
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("deleted");
  });

  test("the same rule holds for alerts", async () => {
    const id = idIn(await ask("alert anomaly per 1h", { userId: USERS.creator.id }));
    expect(await ask(`pause ${id}`, { userId: USERS.other.id })).toContain(`<@${USERS.creator.id}>`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
    expect(await ask(`pause ${id}`, { userId: USERS.admin.id })).toContain(`#${id} paused`);
  });

  test("anyone in the channel can list it and run it now", async () => {
    const id = await newSubscription();
    expect(await ask("list", { userId: USERS.other.id })).toMatch(new RegExp(`#${id}\\b`));
    const sent = await h.command(`run ${id}`, { userId: USERS.other.id });
    const digest = await h.posted(sent);
    expect(digest.text).toMatch(/Total: [\d,]+/);
    expect(shown(await h.ephemeral(sent))).toContain(`#${id} ran now`);
  });
});

describe("a channel the bot is not in", () => {
  const secret = { channelId: CHANNELS.secret.id, userId: USERS.creator.id };

  test.each(["subscribe daily 08:00 last 24h interval=1h", "alert below 5 per 1h offer_type=birthday"])(
    "`/offers %s` says to /invite @offer-digest and saves nothing",
    async (text) => {
      const before = await h.rows();
      const answer = await ask(text, secret);
      expect(answer).toContain("/invite @offer-digest");
      expect(await h.rows()).toEqual(before);
    },
  );

  test("a report there says to /invite @offer-digest and posts nothing", async () => {
    const posts = h.emulator.callsOf("chat.postMessage").length;
    const answer = await ask("report last 7d interval=1d", secret);
    expect(answer).toContain("/invite @offer-digest");
    expect(h.emulator.callsOf("chat.postMessage")).toHaveLength(posts);
    expect(h.emulator.messagesIn(CHANNELS.secret.id)).toHaveLength(0);
  });
});

describe("another workspace", () => {
  test("cannot see, pause, delete or run the first workspace's ids", async () => {
    const id = await newSubscription();
    const elsewhere = { teamId: OTHER_TEAM, userId: USERS.admin.id };
    expect(await ask("list", elsewhere)).not.toMatch(new RegExp(`#${id}\\b`));
    for (const verb of ["pause", "delete", "run"]) {
      expect(await ask(`${verb} ${id}`, elsewhere)).toContain(`no subscription or alert #${id}`);
    }
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
    // Its own ids start where the shared sequence is, but belong to it alone.
    const own = idIn(await ask("subscribe daily 08:00 last 24h interval=1h", elsewhere));
    expect(await ask(`pause ${own}`, { userId: USERS.admin.id })).toContain(
      `no subscription or alert #${own}`,
    );
  });
});

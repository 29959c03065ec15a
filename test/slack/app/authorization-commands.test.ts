/**
 * Who may run, pause, resume and delete an item by typing `/offers VERB N`, and from where: only from
 * the item's own channel; running by anyone there, changing by its creator or an admin; another
 * workspace's ids are invisible; a manual run waits out a cooldown. Signed slash commands to the
 * real Bolt app, the Slack emulator and the Placewise simulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { MANUAL_RUN_COOLDOWN_MS } from "../../../src/slack/cooldown.ts";
import { getSubscription } from "../../../src/store/subscriptions.ts";
import { ask, expectNoSuch, expectNotHere, GENERAL, visible } from "../support/authz.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { idIn } from "../support/text.ts";
import { waitFor } from "../support/wait.ts";
import { CHANNELS, OTHER_TEAM, TEAM, USERS } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp({ extraChannels: 1 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  // Posts to one channel are spaced by 1.1 s of the bot's clock: move it on rather than wait.
  h.clock?.advance(2_000);
});

/** The query words are distinctive so a leak of the subscription's contents would show. */
const QUERY = "last 24h interval=1h offer_type=birthday";
const SECRETS = [CHANNELS.offers.id, `#${CHANNELS.offers.name}`, "birthday", "Subscription", "digest", "<@"];

async function newSubscription(): Promise<number> {
  return idIn(await ask(h, `subscribe daily 08:00 ${QUERY}`, { userId: USERS.creator.id }));
}

async function stateOf(id: number) {
  return (await getSubscription(h.runtime.deps.db, TEAM, id))?.state;
}

/** A digest in #offers newer than `before` (a count of visible messages). */
function digestAfter(before: number) {
  return waitFor(
    h.emulator,
    () =>
      visible(h, CHANNELS.offers.id)
        .slice(before)
        .find((m) => m.text.includes("Total:")),
    "a digest in #offers",
    8_000,
  );
}

describe("/offers run N", () => {
  test("from another channel is refused without naming the channel or the query, and posts nothing anywhere", async () => {
    const id = await newSubscription();
    const offersBefore = visible(h, CHANNELS.offers.id).length;
    const generalBefore = visible(h, GENERAL).length;
    const answer = await ask(h, `run ${id}`, { userId: USERS.other.id, channelId: GENERAL });
    expectNotHere(answer, id, SECRETS);
    expect(visible(h, CHANNELS.offers.id)).toHaveLength(offersBefore);
    expect(visible(h, GENERAL)).toHaveLength(generalBefore);
  });

  test("from another channel is refused to its creator and to an admin as well", async () => {
    const id = await newSubscription();
    const before = visible(h, CHANNELS.offers.id).length;
    for (const userId of [USERS.creator.id, USERS.admin.id]) {
      expectNotHere(await ask(h, `run ${id}`, { userId, channelId: GENERAL }), id, SECRETS);
    }
    expect(visible(h, CHANNELS.offers.id)).toHaveLength(before);
  });

  test("from a private channel the bot is not in gives the same refusal, not an invitation to invite it", async () => {
    const id = await newSubscription();
    const answer = await ask(h, `run ${id}`, { userId: USERS.other.id, channelId: CHANNELS.secret.id });
    expectNotHere(answer, id, SECRETS);
  });

  test("from another workspace is answered like an id that does not exist, and posts nothing", async () => {
    const id = await newSubscription();
    const before = visible(h, CHANNELS.offers.id).length;
    const elsewhere = { teamId: OTHER_TEAM, userId: USERS.admin.id, channelId: CHANNELS.offers.id };
    const answer = await ask(h, `run ${id}`, elsewhere);
    expectNoSuch(answer, id);
    const unknown = await ask(h, "run 987654", elsewhere);
    expect(answer.replaceAll(`#${id}`, "#N")).toBe(unknown.replaceAll("#987654", "#N"));
    expect(visible(h, CHANNELS.offers.id)).toHaveLength(before);
  });

  test("anyone in its channel may run it: the digest goes into the channel and the answer says so", async () => {
    const id = await newSubscription();
    const before = visible(h, CHANNELS.offers.id).length;
    const answer = await ask(h, `run ${id}`, { userId: USERS.other.id });
    expect(answer).toContain(`Subscription #${id} ran now; the digest is in this channel.`);
    expect((await digestAfter(before)).ephemeral).toBe(false);
  });

  test("a second run within the cooldown says when it ran and how long to wait, and posts nothing; after it, runs again", async () => {
    const id = await newSubscription();
    const before = visible(h, CHANNELS.offers.id).length;
    expect(await ask(h, `run ${id}`)).toContain("ran now");
    await digestAfter(before);
    const after = visible(h, CHANNELS.offers.id).length;
    // The bot's clock is fixed: 2025-08-27 10:07 Oslo plus the seconds earlier tests moved it on.
    const again = await ask(h, `run ${id}`, { userId: USERS.other.id });
    expect(again).toMatch(new RegExp(`Subscription #${id} ran at 10:\\d\\d; try again in 60 s\\.`));
    h.clock?.advance(MANUAL_RUN_COOLDOWN_MS / 2);
    expect(await ask(h, `run ${id}`)).toContain("try again in 30 s");
    expect(visible(h, CHANNELS.offers.id)).toHaveLength(after);
    h.clock?.advance(MANUAL_RUN_COOLDOWN_MS / 2);
    expect(await ask(h, `run ${id}`)).toContain("ran now");
    await digestAfter(after);
  });

  test("the cooldown is per subscription: another one in the channel runs at once", async () => {
    const first = await newSubscription();
    const second = await newSubscription();
    expect(await ask(h, `run ${first}`)).toContain("ran now");
    h.clock?.advance(2_000);
    expect(await ask(h, `run ${second}`)).toContain("ran now");
  });
});

describe.each(["pause", "resume", "delete"] as const)("/offers %s N", (verb) => {
  /** A subscription in the state the verb changes (resume needs a paused one). */
  async function ready(): Promise<number> {
    const id = await newSubscription();
    if (verb === "resume") expect(await ask(h, `pause ${id}`)).toContain("paused");
    return id;
  }

  test(`${verb} from another channel is refused, even to the creator, and changes nothing`, async () => {
    const id = await ready();
    const state = await stateOf(id);
    const answer = await ask(h, `${verb} ${id}`, { userId: USERS.creator.id, channelId: GENERAL });
    expectNotHere(answer, id, SECRETS);
    expect(await stateOf(id)).toBe(state);
  });

  test(`${verb} by another member of the channel (not creator, not admin) is refused and changes nothing`, async () => {
    const id = await ready();
    const state = await stateOf(id);
    const answer = await ask(h, `${verb} ${id}`, { userId: USERS.other.id });
    expect(answer).toContain(`Sorry, only <@${USERS.creator.id}> (who created #${id}) or a workspace admin`);
    expect(await stateOf(id)).toBe(state);
  });

  test(`${verb} from another workspace is answered like an id that does not exist`, async () => {
    const id = await ready();
    const state = await stateOf(id);
    expectNoSuch(await ask(h, `${verb} ${id}`, { teamId: OTHER_TEAM, userId: USERS.admin.id }), id);
    expect(await stateOf(id)).toBe(state);
  });

  test(`${verb} by the creator and by an admin in its channel works`, async () => {
    for (const userId of [USERS.creator.id, USERS.admin.id]) {
      const id = await ready();
      const word = { pause: "paused", resume: "resumed", delete: "deleted" }[verb];
      expect(await ask(h, `${verb} ${id}`, { userId })).toContain(`Subscription #${id} ${word}.`);
      expect(await stateOf(id)).toBe({ pause: "paused", resume: "active", delete: "deleted" }[verb]);
    }
  });
});

describe("/offers list", () => {
  test("shows only this channel's items of this workspace", async () => {
    const id = await newSubscription();
    const own = idIn(await ask(h, "subscribe daily 09:00 last 24h interval=1h", { channelId: GENERAL }));
    const inGeneral = await ask(h, "list", { channelId: GENERAL });
    expect(inGeneral).toMatch(new RegExp(`#${own}\\b`));
    expect(inGeneral).not.toMatch(new RegExp(`#${id}\\b`));
    expect(inGeneral).not.toContain("birthday");
    const elsewhere = await ask(h, "list", { teamId: OTHER_TEAM, userId: USERS.admin.id });
    expect(elsewhere).not.toMatch(new RegExp(`#${id}\\b`));
    expect(elsewhere).toContain("No subscriptions or alerts in this channel yet");
  });
});

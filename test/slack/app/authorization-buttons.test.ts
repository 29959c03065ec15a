/**
 * The same rule for every button, pressed as Slack sends them (signed block_actions): the list's Run
 * now, Pause, Resume and Delete; the alert message's snooze and mute; the preview DM's Keep and
 * Discard; the `/offers alert` answer's Discard; the Home tab; and the Home event. A press "from
 * another channel" is a button for #N on a message in #general, where #N does not live.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { evaluateDueAlerts } from "../../../jobs/evaluate-alert.ts";
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";
import { getAlertRule } from "../../../src/store/alerts.ts";
import { getSubscription } from "../../../src/store/subscriptions.ts";
import { silentLogger } from "../../../src/util/log.ts";
import {
  ask,
  expectNoSuch,
  expectNotHere,
  GENERAL,
  itemButton,
  pressFor,
  visible,
} from "../support/authz.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { buttonsIn, FORM, homeActionBody, signedHeaders } from "../support/requests.ts";
import { blocksText, idIn, shown } from "../support/text.ts";
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
  h.emulator.clearFaults();
  // Posts to one channel are spaced by 1.1 s of the bot's clock: move it on rather than wait.
  h.clock?.advance(2_000);
});

const SECRETS = [CHANNELS.offers.id, `#${CHANNELS.offers.name}`, "birthday", "Subscription", "digest", "<@"];
const CREATOR_DM = `D${USERS.creator.id.slice(1)}`;

async function newSubscription(userId: string = USERS.creator.id): Promise<number> {
  return idIn(await ask(h, "subscribe daily 08:00 last 24h interval=1h offer_type=birthday", { userId }));
}

async function listIn(channelId: string, userId: string = USERS.other.id): Promise<EmulatorMessage> {
  return h.ephemeral(await h.command("list", { channelId, userId }));
}

function publishesFor(userId: string): number {
  return h.emulator.callsOf("views.publish").filter((c) => c.args.user_id === userId).length;
}

async function subState(id: number) {
  return (await getSubscription(h.runtime.deps.db, TEAM, id))?.state;
}

describe.each([
  ["Run now", "item_run"],
  ["Pause", "item_pause"],
  ["Resume", "item_resume"],
  ["Delete", "item_delete"],
] as const)("the list's %s button", (label, actionId) => {
  async function ready(): Promise<number> {
    const id = await newSubscription();
    if (actionId === "item_resume") expect(await ask(h, `pause ${id}`)).toContain("paused");
    return id;
  }

  test(`${label} for #N pressed in another channel is refused, changes nothing and posts nothing`, async () => {
    const id = await ready();
    const state = await subState(id);
    const before = visible(h, CHANNELS.offers.id).length;
    const general = await listIn(GENERAL, USERS.creator.id);
    const answer = await pressFor(h, general, itemButton(actionId, id, label), { userId: USERS.creator.id });
    expectNotHere(answer, id, SECRETS);
    expect(await subState(id)).toBe(state);
    expect(visible(h, CHANNELS.offers.id)).toHaveLength(before);
  });

  test(`${label} pressed from another workspace is answered like an id that does not exist`, async () => {
    const id = await ready();
    const state = await subState(id);
    const before = visible(h, CHANNELS.offers.id).length;
    const list = await listIn(CHANNELS.offers.id);
    const answer = await pressFor(h, list, itemButton(actionId, id, label), {
      userId: USERS.admin.id,
      teamId: OTHER_TEAM,
    });
    expectNoSuch(answer, id);
    expect(await subState(id)).toBe(state);
    expect(visible(h, CHANNELS.offers.id)).toHaveLength(before);
  });

  test(`${label} by another member of the channel: ${actionId === "item_run" ? "runs it" : "refused, nothing changes"}`, async () => {
    const id = await ready();
    const state = await subState(id);
    const before = visible(h, CHANNELS.offers.id).length;
    const list = await listIn(CHANNELS.offers.id);
    const answer = await pressFor(h, list, itemButton(actionId, id, label), { userId: USERS.other.id });
    if (actionId === "item_run") {
      expect(answer).toContain(`Subscription #${id} ran now`);
      expect(
        visible(h, CHANNELS.offers.id)
          .slice(before)
          .some((m) => m.text.includes("Total:")),
      ).toBe(true);
      // Pressed again at once: the cooldown, and no second digest.
      const again = await pressFor(h, list, itemButton(actionId, id, label), { userId: USERS.creator.id });
      expect(again).toMatch(new RegExp(`Subscription #${id} ran at \\d\\d:\\d\\d; try again in 60 s`));
      expect(
        visible(h, CHANNELS.offers.id)
          .slice(before)
          .filter((m) => m.text.includes("Total:")),
      ).toHaveLength(1);
    } else {
      expect(answer).toContain(`Sorry, only <@${USERS.creator.id}>`);
      expect(await subState(id)).toBe(state);
    }
  });

  test(`${label} by its creator in its channel works`, async () => {
    const id = await ready();
    const list = await listIn(CHANNELS.offers.id, USERS.creator.id);
    const answer = await pressFor(h, list, itemButton(actionId, id, label), { userId: USERS.creator.id });
    const word = {
      item_run: "ran now",
      item_pause: "paused",
      item_resume: "resumed",
      item_delete: "deleted",
    };
    expect(answer).toContain(`#${id} ${word[actionId]}`);
  });
});

describe("an alert message's snooze and mute buttons", () => {
  let fired: EmulatorMessage;
  let id: number;
  beforeAll(async () => {
    id = idIn(await ask(h, "alert below 100000 per 1h offer_type=birthday"));
    // Everything is below 100,000: the first judged bucket opens an incident and posts it.
    await evaluateDueAlerts(h.runtime.deps, { owner: "test", leaseMs: 60_000, log: silentLogger });
    const found = visible(h, CHANNELS.offers.id).find((m) =>
      String(m.metadata?.event_payload.run_key ?? "").startsWith(`alert:${id}:`),
    );
    if (found === undefined) throw new Error("the alert did not post");
    fired = found;
  });

  async function untouched() {
    const rule = await getAlertRule(h.runtime.deps.db, TEAM, id);
    expect(rule?.snoozedUntil).toBeNull();
    expect(rule?.muted).toBe(false);
  }

  test.each(["alert_snooze_1h", "alert_mute"])(
    "%s pressed in another channel is refused",
    async (actionId) => {
      const general = await listIn(GENERAL, USERS.creator.id);
      const b = { action_id: actionId, block_id: "alert_actions", value: String(id), text: actionId };
      expectNotHere(await pressFor(h, general, b, { userId: USERS.creator.id }), id, SECRETS);
      await untouched();
    },
  );

  test.each(["alert_snooze_1h", "alert_mute"])(
    "%s from another workspace is answered like an unknown id",
    async (actionId) => {
      const b = buttonsIn(fired.blocks).find((x) => x.action_id === actionId);
      if (b === undefined) throw new Error(`no ${actionId}`);
      expectNoSuch(await pressFor(h, fired, b, { userId: USERS.admin.id, teamId: OTHER_TEAM }), id);
      await untouched();
    },
  );

  test.each(["alert_snooze_1h", "alert_mute"])(
    "%s by another member of the channel is refused",
    async (actionId) => {
      const b = buttonsIn(fired.blocks).find((x) => x.action_id === actionId);
      if (b === undefined) throw new Error(`no ${actionId}`);
      expect(await pressFor(h, fired, b, { userId: USERS.other.id })).toContain(
        `only <@${USERS.creator.id}>`,
      );
      await untouched();
    },
  );

  test("snooze by an admin in the channel works", async () => {
    const b = buttonsIn(fired.blocks).find((x) => x.action_id === "alert_snooze_1h");
    if (b === undefined) throw new Error("no snooze");
    expect(await pressFor(h, fired, b, { userId: USERS.admin.id })).toContain(
      `Alert #${id} is snoozed until`,
    );
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.snoozedUntil).not.toBeNull();
  });
});

describe("the alert preview DM's Keep and Discard, and the answer's Discard", () => {
  async function alert(): Promise<{ id: number; dm: EmulatorMessage; answer: EmulatorMessage }> {
    const answer = await h.ephemeral(await h.command("alert below 5 per 1h"), 15_000);
    const id = idIn(shown(answer));
    const dm = await waitFor(
      h.emulator,
      () =>
        h.emulator
          .messagesIn(CREATOR_DM)
          .find((m) => m.metadata?.event_payload.run_key === `alert-preview:${id}`),
      "the preview DM",
    );
    return { id, dm, answer };
  }
  const discard = (id: number) => ({
    action_id: "alert_preview_discard",
    block_id: "x",
    value: String(id),
    text: "Discard",
  });
  const active = async (id: number) => (await getAlertRule(h.runtime.deps.db, TEAM, id))?.state === "active";
  const buttonsLeft = (dm: EmulatorMessage) =>
    buttonsIn(h.emulator.messagesIn(CREATOR_DM).find((m) => m.ts === dm.ts)?.blocks).length;

  test("Discard for #N pressed on a channel message instead of the creator's DM is refused, even to the creator", async () => {
    const { id, dm } = await alert();
    const general = await listIn(GENERAL, USERS.creator.id);
    expectNotHere(await pressFor(h, general, discard(id), { userId: USERS.creator.id }), id, SECRETS);
    expect(await active(id)).toBe(true);
    expect(buttonsLeft(dm)).toBe(2);
  });

  test.each(["alert_preview_keep", "alert_preview_discard"])(
    "%s by an admin who is not the creator is refused: the DM is the creator's own",
    async (actionId) => {
      const { id, dm } = await alert();
      const b = buttonsIn(dm.blocks).find((x) => x.action_id === actionId);
      if (b === undefined) throw new Error(`no ${actionId}`);
      expect(await pressFor(h, dm, b, { userId: USERS.admin.id })).toContain(`only <@${USERS.creator.id}>`);
      expect(await active(id)).toBe(true);
      expect(buttonsLeft(dm)).toBe(2);
    },
  );

  test("Discard from another workspace is answered like an unknown id and deletes nothing", async () => {
    const { id, dm } = await alert();
    expectNoSuch(await pressFor(h, dm, discard(id), { userId: USERS.creator.id, teamId: OTHER_TEAM }), id);
    expect(await active(id)).toBe(true);
  });

  test("the answer's Discard pressed by another member in the channel is refused and deletes nothing", async () => {
    const { id, answer } = await alert();
    const b = buttonsIn(answer.blocks).find((x) => x.action_id === "item_delete");
    if (b === undefined) throw new Error("no Discard on the answer");
    // The answer is ephemeral to its creator; the same button as another member would press it.
    const shared = await listIn(CHANNELS.offers.id);
    expect(await pressFor(h, shared, b, { userId: USERS.other.id })).toContain(`only <@${USERS.creator.id}>`);
    expect(await active(id)).toBe(true);
  });

  test("Discard by the creator in the DM still deletes the rule", async () => {
    const { id, dm } = await alert();
    const b = buttonsIn(dm.blocks).find((x) => x.action_id === "alert_preview_discard");
    if (b === undefined) throw new Error("no Discard");
    expect((await h.press(dm, b)).status).toBe(200);
    await waitFor(h.emulator, () => (buttonsLeft(dm) === 0 ? true : undefined), "the DM settled");
    expect(await active(id)).toBe(false);
  });
});

describe("the Home tab", () => {
  // Home shows 23 items; these tests make the ones that must show as the admin, who has few.
  const owner = USERS.admin.id;
  async function homeOf(userId: string, id: number) {
    await h.homeOpened(userId);
    return waitFor(
      h.emulator,
      () => {
        const v = h.emulator.views.get(userId);
        return v !== undefined && blocksText((v.view as { blocks: unknown[] }).blocks).includes(`#${id}`)
          ? v
          : undefined;
      },
      `a Home view with #${id}`,
    );
  }

  test("offers no Run now (a digest runs only from its channel), and a Run press from Home posts nothing", async () => {
    const id = await newSubscription(owner);
    const view = await homeOf(owner, id);
    const labels = buttonsIn((view.view as { blocks: unknown[] }).blocks).map((b) => b.text);
    expect(labels).toContain("Pause");
    expect(labels).not.toContain("Run now");
    const before = visible(h, CHANNELS.offers.id).length;
    const published = publishesFor(owner);
    const ack = await h.pressHome(owner, itemButton("item_run", id, "Run now"));
    expect(ack.status).toBe(200);
    // The press republishes the presser's Home after acting (or refusing): then it is decided.
    await waitFor(h.emulator, () => (publishesFor(owner) > published ? true : undefined), "publish");
    expect(visible(h, CHANNELS.offers.id)).toHaveLength(before);
  });

  test.each(["item_pause", "item_delete"])(
    "%s on another user's Home for someone else's #N changes nothing, even for an admin",
    async (actionId) => {
      const id = await newSubscription();
      const published = publishesFor(USERS.admin.id);
      await h.homeOpened(USERS.admin.id);
      await waitFor(
        h.emulator,
        () => (publishesFor(USERS.admin.id) > published ? true : undefined),
        "publish",
      );
      const after = publishesFor(USERS.admin.id);
      expect((await h.pressHome(USERS.admin.id, itemButton(actionId, id))).status).toBe(200);
      // The press republishes the presser's Home; by then the refusal is decided.
      await waitFor(h.emulator, () => (publishesFor(USERS.admin.id) > after ? true : undefined), "publish");
      expect(await subState(id)).toBe("active");
    },
  );

  test("a Pause press on Home from another workspace changes nothing", async () => {
    const id = await newSubscription(owner);
    const view = await homeOf(owner, id);
    const b = buttonsIn((view.view as { blocks: unknown[] }).blocks).find((x) => x.value === String(id));
    if (b === undefined) throw new Error("no button");
    const body = homeActionBody({ teamId: OTHER_TEAM, userId: owner, channelId: "" }, view, {
      ...b,
      action_id: "item_pause",
    });
    const published = publishesFor(owner);
    expect((await h.post(body, signedHeaders(body, FORM))).status).toBe(200);
    await waitFor(h.emulator, () => (publishesFor(owner) > published ? true : undefined), "publish");
    expect(await subState(id)).toBe("active");
  });

  test("Pause on the creator's own Home works", async () => {
    const id = await newSubscription(owner);
    const view = await homeOf(owner, id);
    const b = buttonsIn((view.view as { blocks: unknown[] }).blocks).find(
      (x) => x.text === "Pause" && x.value === String(id),
    );
    if (b === undefined) throw new Error("no Pause");
    expect((await h.pressHome(owner, b)).status).toBe(200);
    await expect.poll(() => subState(id)).toBe("paused");
  });

  test("opening Home in another workspace shows none of this workspace's items", async () => {
    const id = await newSubscription();
    await waitFor(h.emulator, () => (h.emulator.views.get(USERS.creator.id) ? true : undefined), "a Home");
    expect((await h.homeOpened(USERS.creator.id, OTHER_TEAM)).status).toBe(200);
    // The other workspace's Home for the same person: empty, never this workspace's #id.
    const view = await waitFor(
      h.emulator,
      () => {
        const v = h.emulator.views.get(USERS.creator.id)?.view as { blocks: unknown[] } | undefined;
        return v && blocksText(v.blocks).includes("You have no subscriptions or alerts yet") ? v : undefined;
      },
      "an empty Home",
    );
    expect(blocksText(view.blocks)).not.toMatch(new RegExp(`#${id}\\b`));
  });
});

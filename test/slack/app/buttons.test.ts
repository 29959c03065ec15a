/**
 * The buttons on `/offers list` and on the App Home tab, pressed as Slack sends them (signed
 * block_actions with the action_id and value from the message's own blocks).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";
import { getSubscription } from "../../../src/store/subscriptions.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { type Button, buttonsIn } from "../support/requests.ts";
import { blocksText, idIn, shown } from "../support/text.ts";
import { waitFor } from "../support/wait.ts";
import { CHANNELS, TEAM, USERS } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

async function subscribe(userId: string = USERS.creator.id): Promise<number> {
  const sent = await h.command("subscribe daily 08:00 last 24h interval=1h", { userId });
  return idIn(shown(await h.ephemeral(sent)));
}

async function listMessage(userId: string = USERS.creator.id): Promise<EmulatorMessage> {
  return h.ephemeral(await h.command("list", { userId }));
}

/** Ephemeral messages in #offers so far: `toPresser` looks only after this many. */
const ephemeralCount = () => h.emulator.messagesIn(CHANNELS.offers.id, { ephemeral: true }).length;

/** The first ephemeral answer to `userId` in #offers after `since` that `pick` accepts. */
function toPresser(
  since: number,
  userId: string,
  pick: (text: string) => boolean,
  what: string,
): Promise<EmulatorMessage> {
  return waitFor(
    h.emulator,
    () =>
      h.emulator
        .messagesIn(CHANNELS.offers.id, { ephemeral: true })
        .slice(since)
        .find((m) => m.ephemeralUser === userId && pick(m.text)),
    what,
  );
}

function button(m: { blocks?: unknown[] }, text: string, id: number): Button {
  const found = buttonsIn(m.blocks).find((b) => b.text === text && b.value === String(id));
  if (found === undefined) throw new Error(`no "${text}" button for #${id} in ${JSON.stringify(m.blocks)}`);
  return found;
}

/** Waits until the list message was edited in place after `since` (chat edit via response_url). */
function refreshed(m: EmulatorMessage, check: (text: string) => boolean): Promise<EmulatorMessage> {
  return waitFor(
    h.emulator,
    () => (m.edited !== undefined && check(blocksText(m.blocks)) ? m : undefined),
    `the list message ${m.ts} to be refreshed`,
  );
}

describe("buttons on /offers list", () => {
  test("Pause pauses the subscription and refreshes the list in place, which then offers Resume", async () => {
    const id = await subscribe();
    const list = await listMessage();
    const ack = await h.press(list, button(list, "Pause", id));
    expect(ack.status).toBe(200);
    const after = await refreshed(list, (t) =>
      new RegExp(`#${id}\\b[^\\n]*\\n[^\\n]*\\n[^\\n]*paused`).test(t),
    );
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("paused");
    expect(buttonsIn(after.blocks).some((b) => b.text === "Resume" && b.value === String(id))).toBe(true);
    // The same list message, edited; then one short confirmation.
    const confirmations = () =>
      h.emulator
        .messagesIn(CHANNELS.offers.id, { ephemeral: true })
        .filter((m) => m.text.includes(`#${id} paused`));
    await waitFor(h.emulator, () => confirmations()[0], "the confirmation");
    expect(confirmations()).toHaveLength(1);
  });

  test("Delete removes the item and it disappears from the refreshed list", async () => {
    const id = await subscribe();
    const list = await listMessage();
    expect((await h.press(list, button(list, "Delete", id))).status).toBe(200);
    await refreshed(list, (t) => !new RegExp(`#${id}\\b`).test(t));
    await waitFor(
      h.emulator,
      () =>
        h.emulator
          .messagesIn(CHANNELS.offers.id, { ephemeral: true })
          .find((m) => m.text.includes(`#${id} deleted`)),
      "the confirmation",
    );
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("deleted");
  });

  test("Run now posts the subscription's digest into the channel", async () => {
    const id = await subscribe();
    const list = await listMessage(USERS.other.id);
    const before = h.emulator.messagesIn(CHANNELS.offers.id).length;
    const ephemeralBefore = ephemeralCount();
    expect((await h.press(list, button(list, "Run now", id), { userId: USERS.other.id })).status).toBe(200);
    const digest = await waitFor(
      h.emulator,
      () =>
        h.emulator
          .messagesIn(CHANNELS.offers.id)
          .slice(before)
          .find((m) => m.text.includes("Total:")),
      "the digest Run now posts",
      8_000,
    );
    expect(digest.ephemeral).toBe(false);
    expect((digest.blocks as { type: string }[]).some((b) => b.type === "image")).toBe(true);
    // The presser is told where it went, once the digest is out.
    const told = await toPresser(
      ephemeralBefore,
      USERS.other.id,
      (t) => t.includes("ran now"),
      "the confirmation to the presser",
    );
    expect(told.text).toBe(`Subscription #${id} ran now; the digest is in this channel.`);
  });

  test("Pause pressed by someone who may not change it is refused and changes nothing", async () => {
    const id = await subscribe();
    const list = await listMessage(USERS.other.id);
    const since = ephemeralCount();
    await h.press(list, button(list, "Pause", id), { userId: USERS.other.id });
    const refusal = await toPresser(since, USERS.other.id, (t) => t.startsWith("Sorry"), "the refusal");
    expect(refusal.text).toContain(`<@${USERS.creator.id}>`);
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
  });
});

describe("App Home", () => {
  test("opening the Home tab publishes a view listing the user's subscriptions and alerts", async () => {
    const carols = await subscribe(USERS.creator.id);
    const sub = await subscribe(USERS.admin.id);
    const alertSent = await h.command("alert anomaly per 1h", { userId: USERS.admin.id });
    const alert = idIn(shown(await h.ephemeral(alertSent)));
    // Creating items republishes Home too; let that land first so the next publish is the event's.
    await waitFor(
      h.emulator,
      () => {
        const v = h.emulator.views.get(USERS.admin.id)?.view as { blocks: unknown[] } | undefined;
        return v !== undefined && blocksText(v.blocks).includes(`#${alert}`) ? true : undefined;
      },
      "the Home refresh after creating the alert",
    );
    const publishedBefore = h.emulator.callsOf("views.publish").length;
    const ack = await h.homeOpened(USERS.admin.id);
    expect(ack.status).toBe(200);
    await waitFor(
      h.emulator,
      () => (h.emulator.callsOf("views.publish").length > publishedBefore ? true : undefined),
      "views.publish",
    );
    const call = h.emulator.callsOf("views.publish").at(-1);
    expect(call?.args.user_id).toBe(USERS.admin.id);
    expect(call?.outcome).toBe("ok");
    const view = h.emulator.views.get(USERS.admin.id)?.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const text = blocksText(view.blocks);
    expect(text).toMatch(new RegExp(`#${sub}\\b[^\\n]*every day at 08:00`));
    expect(text).toMatch(new RegExp(`#${alert}\\b[^\\n]*(anomaly|abnormal)`));
    // Only the admin's own items: carol's subscription is on carol's Home, not here.
    expect(text).not.toMatch(new RegExp(`#${carols}\\b`));
  });

  test("Pause on the Home tab pauses the item and republishes the view", async () => {
    const id = await subscribe(USERS.admin.id);
    await h.homeOpened(USERS.admin.id);
    const view = await waitFor(
      h.emulator,
      () => {
        const v = h.emulator.views.get(USERS.admin.id);
        return v !== undefined && blocksText((v.view as { blocks: unknown[] }).blocks).includes(`#${id}`)
          ? v
          : undefined;
      },
      "a Home view with the new subscription",
    );
    const ack = await h.pressHome(USERS.admin.id, button(view.view as { blocks: unknown[] }, "Pause", id));
    expect(ack.status).toBe(200);
    await waitFor(
      h.emulator,
      () => {
        const v = h.emulator.views.get(USERS.admin.id);
        const blocks = (v?.view as { blocks: unknown[] } | undefined)?.blocks;
        return buttonsIn(blocks).some((b) => b.text === "Resume" && b.value === String(id))
          ? true
          : undefined;
      },
      "the Home view to offer Resume",
    );
    expect((await getSubscription(h.runtime.deps.db, TEAM, id))?.state).toBe("paused");
  });
});

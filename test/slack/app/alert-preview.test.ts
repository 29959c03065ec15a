/**
 * `/offers alert` end to end: the ephemeral answer (id, preview sentence, Discard) and the preview
 * DM with its 4-week chart and Keep / Discard, through the real Bolt app, the Slack emulator and the
 * Placewise simulator. Buttons are pressed as Slack sends them: signed block_actions.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";
import { sendPreviewDm } from "../../../src/slack/verbs/alert-preview.ts";
import { getAlertRule } from "../../../src/store/alerts.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { type Button, buttonsIn } from "../support/requests.ts";
import { idIn, shown } from "../support/text.ts";
import { waitFor } from "../support/wait.ts";
import { TEAM, USERS } from "../support/workspace.ts";

/** The emulator names a DM `D` + the user id without its `U`. */
const CREATOR_DM = `D${USERS.creator.id.slice(1)}`;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.emulator.clearFaults();
  // The delivery spaces posts to one channel by 1.1 s of the bot's clock; every test posts to the
  // creator's DM, so move the fixed clock on instead of waiting (2 s stays inside the same hour).
  h.clock?.advance(2_000);
});

interface Block {
  type: string;
  block_id?: string;
  slack_file?: { id: string };
  elements?: { action_id?: string; style?: string; confirm?: unknown }[];
}

function runKeyOf(m: EmulatorMessage): unknown {
  return m.metadata?.event_payload.run_key;
}

/** `/offers alert WORDS` by the creator: the ephemeral answer, its id, and the preview DM if any. */
async function alert(words: string) {
  const sent = await h.command(`alert ${words}`);
  expect(sent.ack.status).toBe(200);
  const answer = await h.ephemeral(sent, 15_000);
  const id = idIn(shown(answer));
  const dm = h.emulator.messagesIn(CREATOR_DM).find((m) => runKeyOf(m) === `alert-preview:${id}`);
  return { answer, id, dm };
}

function button(m: EmulatorMessage, actionId: string): Button {
  const b = buttonsIn(m.blocks).find((x) => x.action_id === actionId);
  if (b === undefined) throw new Error(`no ${actionId} button in: ${shown(m)}`);
  return b;
}

/** The DM message as it is now, once it no longer offers Keep / Discard. */
function settled(dm: EmulatorMessage): Promise<EmulatorMessage> {
  return waitFor(
    h.emulator,
    () => {
      const now = h.emulator.messagesIn(CREATOR_DM).find((m) => m.ts === dm.ts);
      return now !== undefined && buttonsIn(now.blocks).length === 0 ? now : undefined;
    },
    `the preview DM ${dm.ts} without its buttons`,
  );
}

async function listShows(id: number): Promise<boolean> {
  const list = await h.ephemeral(await h.command("list"));
  return new RegExp(`#${id}\\b`).test(shown(list));
}

describe("/offers alert below 5 per 1h", () => {
  test("answers with the #id, the 4-week preview sentence, where the chart is, and a Discard button with a confirm dialog", async () => {
    const { answer, id } = await alert("below 5 per 1h");
    const all = shown(answer);
    expect(all).toContain(`#${id}`);
    expect(all).toMatch(/Over the last 4 weeks this rule would (not have fired|have fired)/);
    expect(all).toContain("The preview chart is in your messages with @offer-digest");
    const discard = (answer.blocks as Block[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === "item_delete");
    expect(discard).toMatchObject({ style: "danger", confirm: expect.anything() });
    expect(button(answer, "item_delete").value).toBe(String(id));
  });

  test("sends the creator one DM with the preview chart as an uploaded PNG and Keep / Discard buttons", async () => {
    const uploadsBefore = h.emulator.callsOf("files.completeUploadExternal").length;
    const { id, dm } = await alert("below 5 per 1h");
    const previews = h.emulator.messagesIn(CREATOR_DM).filter((m) => runKeyOf(m) === `alert-preview:${id}`);
    expect(previews).toHaveLength(1);
    if (dm === undefined) throw new Error("no preview DM");
    expect(shown(dm)).toContain(`Preview of alert #${id}`);
    expect(shown(dm)).toMatch(/fewer than 5 usages per hour/);

    const img = (dm.blocks as Block[]).find((b) => b.type === "image");
    const file = h.emulator.files.get(img?.slack_file?.id ?? "");
    expect(file?.completed).toBe(true);
    expect(file?.bytes?.subarray(0, 4).equals(PNG_MAGIC)).toBe(true);
    expect(h.emulator.callsOf("files.getUploadURLExternal").length).toBeGreaterThan(uploadsBefore);
    expect(h.emulator.callsOf("files.completeUploadExternal").length).toBe(uploadsBefore + 1);

    const elements = (dm.blocks as Block[]).flatMap((b) => b.elements ?? []);
    expect(elements.find((e) => e.action_id === "alert_preview_keep")).toMatchObject({ style: "primary" });
    expect(elements.find((e) => e.action_id === "alert_preview_discard")).toMatchObject({
      style: "danger",
      confirm: expect.anything(),
    });
    expect(button(dm, "alert_preview_discard").value).toBe(String(id));
  });

  test("Discard in the DM deletes the rule (gone from /offers list) and the DM says it was discarded", async () => {
    const { id, dm } = await alert("below 5 per 1h");
    if (dm === undefined) throw new Error("no preview DM");
    expect(await listShows(id)).toBe(true);
    const ack = await h.press(dm, button(dm, "alert_preview_discard"));
    expect(ack.status).toBe(200);
    const after = await settled(dm);
    expect(shown(after)).toContain(`Alert #${id} was discarded`);
    // The chart stays for reference.
    expect((after.blocks as Block[]).some((b) => b.type === "image")).toBe(true);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("deleted");
    expect(await listShows(id)).toBe(false);
  });

  test("Discard pressed by someone who is neither the creator nor an admin is refused and deletes nothing", async () => {
    const { id, dm } = await alert("below 5 per 1h");
    if (dm === undefined) throw new Error("no preview DM");
    const since = h.emulator.messagesIn(CREATOR_DM, { ephemeral: true }).length;
    await h.press(dm, button(dm, "alert_preview_discard"), { userId: USERS.other.id });
    const refusal = await waitFor(
      h.emulator,
      () =>
        h.emulator
          .messagesIn(CREATOR_DM, { ephemeral: true })
          .slice(since)
          .find((m) => m.ephemeral && m.ephemeralUser === USERS.other.id),
      "the refusal to the other user",
    );
    expect(refusal.text).toContain(`only <@${USERS.creator.id}>`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
    const now = h.emulator.messagesIn(CREATOR_DM).find((m) => m.ts === dm.ts);
    expect(buttonsIn(now?.blocks).map((b) => b.action_id)).toContain("alert_preview_discard");
  });

  test("Keep leaves the rule on and the DM says so", async () => {
    const { id, dm } = await alert("below 5 per 1h");
    if (dm === undefined) throw new Error("no preview DM");
    await h.press(dm, button(dm, "alert_preview_keep"));
    const after = await settled(dm);
    expect(shown(after)).toContain(`Alert #${id} is on.`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
  });

  test("Discard on the answer deletes the rule, turns the answer into the outcome and settles the DM", async () => {
    const { answer, id, dm } = await alert("below 5 per 1h");
    if (dm === undefined) throw new Error("no preview DM");
    await h.press(answer, button(answer, "item_delete"));
    const replaced = await waitFor(
      h.emulator,
      () => {
        const m = h.emulator.messagesIn(answer.channel, { ephemeral: true }).find((x) => x.ts === answer.ts);
        return m?.text.includes("deleted") ? m : undefined;
      },
      "the answer replaced by the outcome",
    );
    expect(replaced.text).toContain(`Alert #${id} deleted`);
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("deleted");
    expect(shown(await settled(dm))).toContain(`Alert #${id} was discarded`);
  });
});

describe("when Slack fails on the preview DM", () => {
  test("a failing conversations.open still gives the answer with the #id and the sentence, and says the chart could not be sent", async () => {
    h.emulator.injectFault({ method: "conversations.open", status: 500 });
    const { answer, id, dm } = await alert("below 5 per 1h");
    const all = shown(answer);
    expect(all).toContain(`#${id}`);
    expect(all).toContain("Over the last 4 weeks");
    expect(all).toContain("could not be sent to your messages");
    expect(dm).toBeUndefined();
    expect((await getAlertRule(h.runtime.deps.db, TEAM, id))?.state).toBe("active");
  });

  test("a refused chart upload still sends the preview DM with its buttons, and the answer says it has no chart", async () => {
    h.emulator.injectFault({ method: "files.getUploadURLExternal", error: "missing_scope" });
    const { answer, id, dm } = await alert("below 5 per 1h");
    expect(shown(answer)).toContain(`#${id}`);
    expect(shown(answer)).toContain("without a chart this time");
    if (dm === undefined) throw new Error("no preview DM");
    expect((dm.blocks as Block[]).some((b) => b.type === "image")).toBe(false);
    expect(buttonsIn(dm.blocks).map((b) => b.action_id)).toEqual([
      "alert_preview_keep",
      "alert_preview_discard",
    ]);
  });
});

describe("a slow Slack", () => {
  test("does not hold the answer past its wait: the DM is reported on its way and still arrives", async () => {
    // 300 ms of Slack latency against a 50 ms wait (the real wait is 8 s; the ratio is what matters).
    h.emulator.injectFault({ method: "conversations.open", delayMs: 300 });
    const input = {
      ruleId: 9_001,
      ruleText: "below 5 per 1h for 1",
      ruleWords: "fewer than 5 usages per hour for 1 bucket",
      queryWords: "",
      timezone: "Europe/Oslo",
      channelId: "C0OFFERS",
      sentence: "Over the last 4 weeks this rule would not have fired.",
    };
    const started = performance.now();
    expect(await sendPreviewDm(h.runtime.deps, USERS.creator.id, input, null, 50)).toBe("late");
    expect(performance.now() - started).toBeLessThan(250);
    await waitFor(
      h.emulator,
      () => h.emulator.messagesIn(CREATOR_DM).find((m) => runKeyOf(m) === "alert-preview:9001"),
      "the late preview DM",
    );
  });
});

describe("the manifest", () => {
  /** Scopes of the methods this flow calls, reading and writing a DM (Slack's method reference). */
  const SCOPE_OF: Record<string, string | null> = {
    "auth.test": null,
    "views.publish": null,
    "conversations.info": "channels:read",
    "users.info": "users:read",
    "conversations.open": "im:write",
    "conversations.history": "im:history",
    "chat.postMessage": "chat:write",
    "chat.update": "chat:write",
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
  };

  test("grants every Web API method the alert preview and its buttons called", async () => {
    const manifest = JSON.parse(
      readFileSync(new URL("../../../slack-app-manifest.json", import.meta.url), "utf8"),
    ) as { oauth_config: { scopes: { bot: string[] } } };
    // The whole flow in this test, so it holds when run alone: two previews, one kept, one discarded.
    const since = h.emulator.calls.length;
    for (const actionId of ["alert_preview_keep", "alert_preview_discard"]) {
      const { dm } = await alert("below 5 per 1h");
      if (dm === undefined) throw new Error("no preview DM");
      await h.press(dm, button(dm, actionId));
      await settled(dm);
    }
    const methods = [...new Set(h.emulator.calls.slice(since).map((c) => c.method))].sort();
    expect(methods).toEqual(expect.arrayContaining(["conversations.open", "chat.update"]));
    for (const method of methods) {
      expect(SCOPE_OF, `no scope known for ${method}`).toHaveProperty([method]);
      const scope = SCOPE_OF[method];
      if (scope) expect(manifest.oauth_config.scopes.bot, `${method} needs ${scope}`).toContain(scope);
    }
  });
});

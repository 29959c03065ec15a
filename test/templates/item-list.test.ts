import { describe, expect, it } from "vitest";
import { FORM_IDS } from "../../templates/forms.ts";
import { helpReply } from "../../templates/help.ts";
import { ACTION_IDS, homeView, type ItemSummary, listReply } from "../../templates/item-list.ts";

const item = (id: number, over: Partial<ItemSummary> = {}): ItemSummary => ({
  id,
  kind: "digest",
  channelId: "C1",
  what: "every day at 08:00 (Europe/Oslo)",
  query: "last 24h interval=1h",
  state: "active",
  pausedReason: null,
  nextRun: "Thu 26 Nov 08:00 Europe/Oslo",
  status: null,
  ...over,
});

const json = (x: unknown) => JSON.stringify(x);

describe("/offers list and the Home tab", () => {
  it("shows each item's id, schedule, state and next run, with run, pause and a confirmed delete", () => {
    const reply = listReply([item(12), item(13, { kind: "alert", what: "below 5 per 1h", nextRun: null })]);
    const text = json(reply.blocks);
    expect(text).toContain("*#12* Digest");
    expect(text).toContain("next: Thu 26 Nov 08:00 Europe/Oslo");
    expect(text).toContain("*#13* Alert");
    const buttons = (reply.blocks ?? []).flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(buttons.filter((b) => b.action_id === ACTION_IDS.run).map((b) => b.value)).toEqual(["12"]);
    expect(buttons.filter((b) => b.action_id === ACTION_IDS.pause)).toHaveLength(2);
    const del = buttons.find((b) => b.action_id === ACTION_IDS.delete);
    expect(del?.confirm?.confirm.text).toBe("Delete");
    expect(reply.text).toContain("#12 digest every day at 08:00");
  });

  it("every item has an Edit button opening its own kind's form, in the list and on Home", () => {
    const items = [item(12), item(13, { kind: "alert", what: "below 5 per 1h", nextRun: null })];
    for (const blocks of [listReply(items).blocks ?? [], homeView(items).blocks]) {
      const buttons = blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
      const edits = buttons.filter(
        (b) => b.action_id === FORM_IDS.editDigest || b.action_id === FORM_IDS.editAlert,
      );
      expect(edits.map((b) => [b.action_id, b.value, (b as { text?: { text: string } }).text?.text])).toEqual(
        [
          [FORM_IDS.editDigest, "12", "Edit"],
          [FORM_IDS.editAlert, "13", "Edit"],
        ],
      );
    }
  });

  it("offers Resume for a paused item and keeps the bot's own mention in the reason, escaping anything else", () => {
    const reply = listReply([
      item(7, { state: "paused", pausedReason: "paused by <@U0YOU> <!channel> & co" }),
    ]);
    const text = json(reply.blocks);
    expect(text).toContain("paused by <@U0YOU> &lt;!channel&gt; &amp; co");
    expect(text).toContain(ACTION_IDS.resume);
    expect(text).not.toContain(ACTION_IDS.pause);
  });

  it("escapes user-typed query text so a typed <!channel> is shown, not triggered", () => {
    const text = json(listReply([item(1, { query: "last 7d store_id=<!channel>" })]).blocks);
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("stays within Slack's 50 blocks with many items and says how many are not shown", () => {
    const many = Array.from({ length: 40 }, (_, i) => item(i + 1));
    const reply = listReply(many);
    expect(reply.blocks?.length).toBeLessThanOrEqual(50);
    expect(json(reply.blocks)).toContain("17 more not shown");
    const home = homeView(many);
    expect(home.type).toBe("home");
    expect(home.blocks.length).toBeLessThanOrEqual(50);
  });

  it("says how to start when a channel has nothing yet", () => {
    expect(listReply([]).text).toMatch(/No subscriptions or alerts in this channel yet/);
    expect(json(homeView([]).blocks)).toContain("You have no subscriptions or alerts yet");
  });

  it("help shows an example of every verb", () => {
    const text = json(helpReply().blocks);
    for (const verb of [
      "report",
      "subscribe",
      "alert",
      "list",
      "pause",
      "resume",
      "delete",
      "run",
      "connect",
      "disconnect",
    ]) {
      expect(text).toContain(`/offers ${verb}`);
    }
  });
});

/** The emulator's modals: views.open and views.update with Slack's checks and error names. */
import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/util/clock.ts";
import { clientFor, type SlackEmulator, startSlackFake } from "../../fakes/slack.ts";

async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { data?: { error?: string } }).data?.error ?? String(e);
  }
  throw new Error("expected the call to fail");
}

const modal = (
  title = "New digest",
  blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: "hi" } }],
) => ({
  type: "modal",
  callback_id: "od_digest_form",
  title: { type: "plain_text", text: title },
  blocks,
});

describe("Slack emulator: modals", () => {
  let slack: SlackEmulator;
  let client: WebClient;
  beforeEach(async () => {
    slack = await startSlackFake({ clock: new ManualClock(Date.parse("2025-08-27T08:00:00Z")) });
    client = clientFor(slack);
  });
  afterEach(() => slack.close());

  it("opens a modal for a trigger and updates it in place, each time with a new hash", async () => {
    const opened = await client.views.open({ trigger_id: "1.trig", view: modal() as never });
    const id = opened.view?.id as string;
    expect(slack.modalFor("1.trig")?.id).toBe(id);
    const hash = opened.view?.hash;
    const updated = await client.views.update({ view_id: id, hash, view: modal("Edit #3") as never });
    expect(updated.view?.hash).not.toBe(hash);
    expect(JSON.stringify(slack.modals.get(id)?.view.title)).toContain("Edit #3");
  });

  it("refuses an update with a stale hash (hash_conflict), and any update once the modal closed", async () => {
    const opened = await client.views.open({ trigger_id: "2.trig", view: modal() as never });
    const id = opened.view?.id as string;
    await client.views.update({ view_id: id, view: modal("Two") as never });
    expect(
      await slackError(client.views.update({ view_id: id, hash: opened.view?.hash, view: modal() as never })),
    ).toBe("hash_conflict");
    slack.closeModal(id);
    expect(slack.modalFor("2.trig")).toBeUndefined();
    expect(await slackError(client.views.update({ view_id: id, view: modal() as never }))).toBe("not_found");
  });

  it.each([
    ["a title over 24 characters", modal("A title that is far too long"), "invalid_arguments"],
    ["a home view", { ...modal(), type: "home" }, "invalid_arguments"],
    [
      "101 blocks",
      modal(
        "Many",
        Array.from({ length: 101 }, () => ({ type: "divider" })),
      ),
      "invalid_blocks",
    ],
  ])("refuses %s", async (_what, view, error) => {
    expect(await slackError(client.views.open({ trigger_id: "3.trig", view: view as never }))).toBe(error);
    expect(slack.modalFor("3.trig")).toBeUndefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Rig, startRig } from "./helpers.ts";

describe("delivery: edits, ephemeral replies and DMs", () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig();
  });
  afterEach(() => rig.slack.close());

  it("edits a message in place, retrying a 503", async () => {
    const posted = await rig.delivery.post({
      channel: "C0GENERAL",
      message: { text: "Alert firing: 2 usages in 1h" },
    });
    rig.slack.injectFault({ method: "chat.update", status: 503 });
    await rig.delivery.update({
      channel: "C0GENERAL",
      ts: posted.ts,
      message: { text: "Resolved: 14 usages in 1h" },
    });
    expect(rig.slack.messagesIn("C0GENERAL").map((m) => m.text)).toEqual(["Resolved: 14 usages in 1h"]);
  });

  it("shows an ephemeral reply only to the user", async () => {
    await rig.delivery.postEphemeral({
      channel: "C0GENERAL",
      user: "U0ALICE",
      message: { text: "Only you see this" },
    });
    const [m] = rig.slack.messagesIn("C0GENERAL", { ephemeral: true });
    expect(m).toMatchObject({ ephemeral: true, ephemeralUser: "U0ALICE", text: "Only you see this" });
  });

  it("tells a subscription's creator in a DM, once per run key", async () => {
    const notice = { text: "Subscription #12 is paused: the bot was removed from <#C0GENERAL>." };
    await rig.delivery.dm({ user: "U0ALICE", message: notice, runKey: "pause-12" });
    await rig.delivery.dm({ user: "U0ALICE", message: notice, runKey: "pause-12" });
    const dm = [...rig.slack.channels.values()].find((c) => c.isIm);
    expect(rig.slack.messagesIn(dm?.id as string).map((m) => m.text)).toEqual([notice.text]);
  });

  it("names the problem when the DM cannot be opened", async () => {
    await expect(rig.delivery.dm({ user: "U0NOBODY", message: { text: "x" } })).rejects.toMatchObject({
      code: "user_not_found",
      kind: "permanent",
    });
  });
});

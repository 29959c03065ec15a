/**
 * Admission end to end: the real app with REPORT_CONCURRENCY=1 and REPORT_QUEUE=2, signed slash
 * commands in, the Slack emulator watching what is posted. The Placewise simulator answers slowly
 * (1.5 s) so the first report still holds its turn while the next ones arrive; nothing is timed.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, type Sent, startApp } from "../support/harness.ts";
import { waitFor } from "../support/wait.ts";
import { CHANNELS, USERS } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp({ env: { REPORT_CONCURRENCY: "1", REPORT_QUEUE: "2" } });
});
afterAll(async () => {
  await h?.close();
});

const BUSY =
  ":hourglass: I'm busy with other reports right now, try again in a minute. Nothing was posted for this one.";

const runKeyOf = (m: { metadata?: { event_payload?: Record<string, unknown> } }) =>
  String(m.metadata?.event_payload?.run_key ?? "");

/** Digests in #offers (not ephemeral, not in a thread), in the order Slack stored them. */
const digests = () => h.emulator.messagesIn(CHANNELS.offers.id).filter((m) => m.thread_ts === undefined);

const idle = () => h.runtime.deps.reports?.idle();

describe("/offers report with 1 running and 2 waiting", () => {
  test("a 4th report is answered busy in its ack and never posted; the 3 others are posted in the order they came", async () => {
    h.runtime.placewise.simulator?.setLatency(1_500);
    const before = digests().length;
    const order = [USERS.creator, USERS.other, USERS.admin];
    const sent: Sent[] = [];
    // One after another, each ack awaited: the order they came in is then known.
    for (const u of order) sent.push(await h.command("report last 7d interval=1d", { userId: u.id }));
    const fourth = await h.command("report last 7d interval=1d by=member_gender", {
      userId: USERS.creator.id,
    });
    h.runtime.placewise.simulator?.setLatency(0);

    for (const s of sent) expect(s.ack.json?.text).toContain("Working on it");
    expect(fourth.ack.status).toBe(200);
    expect(fourth.ack.json?.response_type).toBe("ephemeral");
    expect(fourth.ack.json?.text).toBe(BUSY);

    await waitFor(h.emulator, () => (digests().length >= before + 3 ? true : undefined), "3 digests", 20_000);
    await idle();
    const posted = digests().slice(before);
    expect(posted).toHaveLength(3);
    expect(posted.map(runKeyOf)).toEqual(order.map((u) => expect.stringContaining(`:${u.id}:`)));
    // The busy one got nothing else either: no ephemeral answer after its ack.
    const toFourth = h.emulator
      .messagesIn(CHANNELS.offers.id, { ephemeral: true })
      .slice(fourth.since)
      .filter((m) => m.ephemeral && m.ephemeralUser === USERS.creator.id);
    expect(toFourth).toEqual([]);
  });

  test("a report that fails gives its turn back: the next three all get in and are posted", async () => {
    await idle();
    // The bot is not in #secret-plans: that report fails inside its turn and says so.
    const failing = await h.command("report last 7d interval=1d", { channelId: CHANNELS.secret.id });
    expect(failing.ack.json?.text).toContain("Working on it");
    expect(await h.reply(failing, { skipWorking: true })).toContain("I'm not a member of this channel");
    await idle();

    h.runtime.placewise.simulator?.setLatency(1_000);
    const before = digests().length;
    const sent: Sent[] = [];
    for (const u of [USERS.creator, USERS.other, USERS.admin])
      sent.push(await h.command("report last 24h interval=1h", { userId: u.id }));
    h.runtime.placewise.simulator?.setLatency(0);
    for (const s of sent) expect(s.ack.json?.text).toContain("Working on it");
    await waitFor(h.emulator, () => (digests().length >= before + 3 ? true : undefined), "3 digests", 20_000);
  });
});

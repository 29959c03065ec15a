/**
 * The CSV button under a digest, pressed as Slack sends it: the numbers go into the message's thread
 * as an RFC 4180 file whose usages add up to the digest's total; a second press within the minute is
 * refused; a forged value is judged like typed words; a press where the bot cannot post is refused.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { EmulatorMessage } from "../../../src/local/slack-emulator/index.ts";
import { DIGEST_CSV_ACTION } from "../../../templates/digest-csv.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { type Button, buttonsIn } from "../support/requests.ts";
import { shown } from "../support/text.ts";
import { waitFor } from "../support/wait.ts";
import { CHANNELS, USERS } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

function csvButton(m: EmulatorMessage): Button {
  const found = buttonsIn(m.blocks).find((b) => b.action_id === DIGEST_CSV_ACTION);
  if (found === undefined) throw new Error(`no CSV button in ${JSON.stringify(m.blocks)}`);
  return found;
}

function threadFiles(m: EmulatorMessage): EmulatorMessage[] {
  return h.emulator.messagesIn(m.channel).filter((r) => r.thread_ts === m.ts && r.files.length > 0);
}

function totalOf(m: EmulatorMessage): number {
  const t = /Total: ([\d,]+)/.exec(m.text)?.[1];
  if (t === undefined) throw new Error(`no total in ${m.text}`);
  return Number(t.replaceAll(",", ""));
}

async function lastEphemeral(userId: string, since: number): Promise<string> {
  const m = await waitFor(
    h.emulator,
    () =>
      h.emulator
        .messagesIn(CHANNELS.offers.id, { ephemeral: true })
        .slice(since)
        .find((x) => x.ephemeral && x.ephemeralUser === userId),
    `an ephemeral answer to ${userId}`,
  );
  return shown(m);
}

describe("the CSV button on a digest", () => {
  let digest: EmulatorMessage;
  beforeAll(async () => {
    digest = await h.posted(await h.command("report last 24h interval=1h by=member_gender"));
  });

  test("posts the numbers as a CSV file in the digest's thread; its usages add up to the digest's total", async () => {
    expect(csvButton(digest).text).toBe("CSV");
    const ack = await h.press(digest, csvButton(digest), { userId: USERS.other.id });
    expect(ack.status).toBe(200);
    const reply = await waitFor(h.emulator, () => threadFiles(digest)[0], "a CSV in the thread");
    const ref = reply.files[0];
    expect(ref?.name).toMatch(/^offer-usages-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = h.emulator.files.get(ref?.id ?? "")?.bytes?.toString("utf8") ?? "";
    const lines = bytes.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("bucket_start_local,bucket_start_utc,timezone,label,usages");
    const sum = lines.slice(1).reduce((a, l) => a + Number(l.split(",").at(-1)), 0);
    expect(sum).toBe(totalOf(digest));
    // Labels of the breakdown, as the digest names them.
    expect(lines.some((l) => l.includes(",female,"))).toBe(true);
    expect(reply.text).toContain("one per bucket and label");
  });

  test("a second press within the minute posts nothing and says when to try again", async () => {
    const since = h.emulator.messagesIn(CHANNELS.offers.id, { ephemeral: true }).length;
    const before = threadFiles(digest).length;
    await h.press(digest, csvButton(digest));
    expect(await lastEphemeral(USERS.creator.id, since)).toMatch(/Try again in \d+ s/);
    expect(threadFiles(digest)).toHaveLength(before);
  });

  test("a forged value is judged like typed words: a query past retention is refused, nothing posted", async () => {
    const since = h.emulator.messagesIn(CHANNELS.offers.id, { ephemeral: true }).length;
    const before = threadFiles(digest).length;
    const forged = {
      ...csvButton(digest),
      value: JSON.stringify({ q: "last 30d interval=5m", at: h.clock?.now(), tz: "Europe/Oslo" }),
    };
    await h.press({ ...digest, ts: "1.000001" } as EmulatorMessage, forged);
    expect(await lastEphemeral(USERS.creator.id, since)).toContain("5-minute data is kept for 14 days");
    expect(threadFiles(digest)).toHaveLength(before);
  });

  test("a broken value gets a sentence, not a crash", async () => {
    const since = h.emulator.messagesIn(CHANNELS.offers.id, { ephemeral: true }).length;
    await h.press({ ...digest, ts: "1.000002" } as EmulatorMessage, { ...csvButton(digest), value: "{" });
    expect(await lastEphemeral(USERS.creator.id, since)).toContain("This CSV button is broken");
  });

  test("a press from a channel the bot is not in is refused, and nothing is posted there", async () => {
    const inSecret = { ...digest, channel: CHANNELS.secret.id, ts: "1.000003" } as EmulatorMessage;
    const ack = await h.press(inSecret, csvButton(digest));
    expect(ack.status).toBe(200);
    const answer = await waitFor(
      h.emulator,
      () => h.emulator.messagesIn(CHANNELS.secret.id, { ephemeral: true }).find((m) => m.ephemeral),
      "the refusal",
    );
    expect(shown(answer)).toContain("not a member");
    expect(h.emulator.messagesIn(CHANNELS.secret.id).filter((m) => !m.ephemeral)).toHaveLength(0);
  });
});

/** `when=` and `csv=` on `/offers subscribe`: saved beside the query, shown back, refused when wrong. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getSubscription } from "../../../src/store/subscriptions.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { idIn, shown } from "../support/text.ts";
import { TEAM } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

async function ask(text: string) {
  const sent = await h.command(text);
  expect(sent.ack.status).toBe(200);
  return shown(await h.ephemeral(sent));
}

describe("/offers subscribe with when= and csv=", () => {
  test("saves the options apart from the query, says what they mean, and `/offers list` shows them", async () => {
    const answer = await ask("subscribe daily 08:00 last 24h interval=1h when=changed csv=yes");
    const id = idIn(answer);
    expect(answer).toContain("moved more than 10% (the default for `when=changed`)");
    expect(answer).toContain("CSV file");
    const row = await getSubscription(h.runtime.deps.db, TEAM, id);
    expect(row).toMatchObject({ query: "last 24h interval=1h", deliverWhen: "changed:10", attachCsv: true });
    expect(await ask("list")).toContain("last 24h interval=1h when=changed:10 csv=yes");
  });

  test.each([
    ["subscribe daily 08:00 last 24h when=sometimes", "`when=sometimes` is not a condition"],
    ["subscribe daily 08:00 last 24h when=changed:-5", "needs a percentage between 1 and 1000"],
    ["subscribe daily 08:00 last 24h csv=please", "`csv=please` must be `csv=yes` or `csv=no`"],
    ["subscribe daily 08:00 when=nonzero", "needs a query too"],
  ])("%s is refused with the fix, and nothing is saved", async (text, expected) => {
    const before = await h.rows();
    const answer = await ask(text);
    expect(answer).toContain(expected);
    expect(await h.rows()).toEqual(before);
  });
});

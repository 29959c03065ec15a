import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SANDBOX } from "../../src/runtime.ts";
import { getSubscription, setNextRun } from "../../src/store/subscriptions.ts";
import { hasChromium } from "../support/requirements.ts";
import { DIGEST, loadedWidth, SEEN, type, useSandbox } from "./harness.ts";

const channelMessages = (page: Page) => page.locator("[data-testid=message]:not([data-ephemeral=true])");
const ephemerals = (page: Page) => page.locator("[data-testid=message][data-ephemeral=true]");

/** Waits for the n-th (0-based) ephemeral answer and returns its text. */
async function ephemeralText(page: Page, n: number): Promise<string> {
  const answer = ephemerals(page).nth(n);
  await answer.waitFor(DIGEST);
  return (await answer.locator("[data-testid=message-content]").textContent()) ?? "";
}

/** The digest message (header + chart) once its chart has loaded; returns it and the chart width. */
async function loadedDigest(page: Page, n = 0): Promise<{ digest: Locator; width: number }> {
  const digest = channelMessages(page)
    .filter({ has: page.locator("[data-testid=block-image]") })
    .nth(n);
  await digest.waitFor(DIGEST);
  const image = digest.locator("[data-testid=block-image]");
  await expect.poll(() => loadedWidth(image), DIGEST).not.toBe(-1);
  return { digest, width: await loadedWidth(image) };
}

/** Subscribes through the composer and returns the id the bot named (`#12`). */
async function subscribe(page: Page, words: string, answersBefore: number): Promise<number> {
  await type(page, `/offers subscribe ${words}`);
  const text = await ephemeralText(page, answersBefore);
  const id = /#(\d+)/.exec(text)?.[1];
  if (id === undefined) throw new Error(`the subscribe answer names no #id: ${text}`);
  return Number(id);
}

const runs = hasChromium();
describe.skipIf(!runs)("the sandbox in Chromium, through the real bot", () => {
  const sandbox = useSandbox();

  it("answers /offers report last 7d interval=1d with 'Working on it…' and then a digest with its chart", async () => {
    const run = await sandbox.open();
    const { page } = run;
    await type(page, "/offers report last 7d interval=1d");
    expect(await ephemeralText(page, 0)).toContain("Working on it");
    expect(await ephemerals(page).first().locator("[data-testid=ephemeral-marker]").textContent()).toBe(
      "Only visible to you",
    );

    const { digest, width } = await loadedDigest(page);
    expect(width).toBeGreaterThan(0);
    expect(await digest.locator("[data-block-type=header]").textContent()).toMatch(/\S/);
    const fields = await digest.locator(".b-field").allTextContents();
    const total = fields.find((f) => f.startsWith("Total"));
    expect(total, `a Total field among ${JSON.stringify(fields)}`).toMatch(/^Total\s*[\d,. ]*\d/);
  });

  it("answers a bad command only to you, naming the wrong word and the choices", async () => {
    const run = await sandbox.open();
    const { page } = run;
    await type(page, "/offers report last 7d offer_type=bogus");
    const text = await ephemeralText(page, 0);
    expect(text).toContain("offer_type=bogus");
    for (const choice of ["birthday", "welcome", "regular"]) expect(text).toContain(choice);
    expect(await ephemerals(page).first().locator("[data-testid=ephemeral-marker]").textContent()).toBe(
      "Only visible to you",
    );
    expect(await channelMessages(page).count()).toBe(0);
  });

  it("subscribes and answers with the id and the next run", async () => {
    const run = await sandbox.open();
    const { page } = run;
    const id = await subscribe(page, "daily 08:00 last 24h interval=1h", 0);
    const text = await ephemeralText(page, 0);
    expect(text).toMatch(/next/i);
    expect(text).toContain("08:00");
    const stored = await getSubscription(run.runtime.deps.db, SANDBOX.teamId, id);
    expect(stored?.channelId).toBe(SANDBOX.channelId);
    expect(stored?.state).toBe("active");
  });

  it("lists a subscription with buttons; Pause edits the list in place, Delete asks first and removes it", async () => {
    const run = await sandbox.open();
    const { page } = run;
    const id = await subscribe(page, "daily 08:00 last 24h interval=1h", 0);
    await type(page, "/offers list");
    const list = ephemerals(page).nth(1);
    await list.waitFor(SEEN);
    expect(await list.locator("[data-testid=message-content]").textContent()).toContain(`#${id}`);
    const buttons = await list.locator("[data-testid=button]").allTextContents();
    expect(buttons).toEqual(["Run now", "Edit", "Pause", "Delete", "New digest", "New alert"]);

    await list.locator("[data-action-id=item_pause]").click();
    await list.locator("[data-action-id=item_resume]").waitFor(SEEN);
    expect(await list.locator("[data-testid=message-content]").textContent()).toContain("paused");
    await list.locator("[data-testid=edited]").waitFor(SEEN);
    const confirmation = await ephemeralText(page, 2);
    expect(confirmation).toContain(`#${id}`);
    expect(confirmation.toLowerCase()).toContain("paus");
    expect((await getSubscription(run.runtime.deps.db, SANDBOX.teamId, id))?.state).toBe("paused");

    const dialog = page.locator("[data-testid=confirm-dialog]");
    await list.locator("[data-action-id=item_delete]").click();
    await dialog.waitFor({ state: "visible", ...SEEN });
    expect(await dialog.textContent()).toContain(`Delete #${id}?`);
    await dialog.locator("[data-testid=confirm-ok]").click();
    await dialog.waitFor({ state: "hidden", ...SEEN });
    await expect.poll(() => ephemerals(page).count(), SEEN).toBeGreaterThanOrEqual(4);

    const before = await ephemerals(page).count();
    await type(page, "/offers list");
    const fresh = await ephemeralText(page, before);
    expect(fresh).not.toContain(`#${id}`);
    expect(fresh).toContain("No subscriptions or alerts");
  });

  it("Run due now delivers a subscription whose time has come, as a digest in the channel", async () => {
    const run = await sandbox.open();
    const { page, runtime, clock } = run;
    const id = await subscribe(page, "every 5m last 1h interval=5m", 0);
    await page.locator("[data-testid=run-due]").click();
    await expect
      .poll(() => page.locator("[data-testid=status]").textContent(), SEEN)
      .toBe("Ran due work: 0 delivered");
    expect(await channelMessages(page).count()).toBe(0);

    // The bot's clock stands still, so move the schedule instead: the last 5-minute mark (*/5 falls
    // on the same instants in every whole-hour zone) is a real run time, inside the 6 h catch-up.
    const lastMark = Math.floor(clock.now() / 300_000) * 300_000;
    const moved = await setNextRun(runtime.deps.db, SANDBOX.teamId, id, {
      nextRunAt: lastMark,
      now: clock.now(),
    });
    expect(moved).toBe(true);
    await page.locator("[data-testid=run-due]").click();
    await expect
      .poll(() => page.locator("[data-testid=status]").textContent(), DIGEST)
      .toBe("Ran due work: 1 delivered");
    const { digest, width } = await loadedDigest(page);
    expect(width).toBeGreaterThan(0);
    expect(await digest.locator("[data-block-type=header]").textContent()).toMatch(/\S/);
  });

  it("the Home tab lists your subscriptions", async () => {
    const run = await sandbox.open();
    const { page } = run;
    const daily = await subscribe(page, "daily 08:00 last 24h interval=1h", 0);
    const weekly = await subscribe(page, "weekly mon 09:00 last 7d interval=1d", 1);
    await page.locator("[data-testid=nav-app]").click();
    const home = page.locator("[data-testid=home-view]");
    await expect
      .poll(() => home.locator("[data-block-type=header]").first().textContent(), SEEN)
      .toBe("Your offer digests and alerts");
    const text = (await home.textContent()) ?? "";
    expect(text).toContain(`#${daily}`);
    expect(text).toContain(`#${weekly}`);
    expect(text).toContain("#offers");
    expect(await page.locator("[data-testid=channel-view]").isVisible()).toBe(false);
  });
});

import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX } from "../../src/runtime.ts";
import { getSubscription, setNextRun } from "../../src/store/subscriptions.ts";
import { hasChromium } from "../support/requirements.ts";
import { DIGEST, launchChromium, loadedWidth, openSandbox, type SandboxRun, SEEN, type } from "./harness.ts";

let browser: Browser;
let run: SandboxRun | null = null;

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
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const r = run;
    run = null;
    if (r === null) return;
    await r.close();
    expect(r.pageErrors, "errors thrown in the page").toEqual([]);
  });

  it("answers /offers report last 7d interval=1d with 'Working on it…' and then a digest with its chart", async () => {
    run = await openSandbox(browser);
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
});

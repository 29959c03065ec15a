import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SANDBOX } from "../../src/runtime.ts";
import { getAlertRule } from "../../src/store/alerts.ts";
import { PREVIEW_ACTIONS } from "../../templates/alert-preview.ts";
import { hasChromium } from "../support/requirements.ts";
import { DIGEST, loadedWidth, SEEN, type, useSandbox } from "./harness.ts";

const ephemerals = (page: Page) =>
  page.locator("[data-testid=message-list] [data-testid=message][data-ephemeral=true]");

async function ephemeralText(page: Page, n: number): Promise<string> {
  const answer = ephemerals(page).nth(n);
  await answer.waitFor(DIGEST);
  return (await answer.locator("[data-testid=message-content]").textContent()) ?? "";
}

const runs = hasChromium();
describe.skipIf(!runs)("the bot's direct messages in the sandbox, through the real bot", () => {
  const sandbox = useSandbox();

  it("an alert's preview DM shows in the app's Messages tab with its chart; Discard there deletes the alert", async () => {
    const run = await sandbox.open();
    const { page } = run;
    await type(page, "/offers alert below 5 per 1h");
    const answer = await ephemeralText(page, 0);
    const id = Number(/#(\d+)/.exec(answer)?.[1]);
    expect(id, `the alert answer names an #id: ${answer}`).toBeGreaterThan(0);
    expect(answer).toContain("in your messages with @offer-digest");

    // The DM arrived while the channel was on screen: the app's sidebar entry says so.
    const unread = page.locator("[data-testid=nav-app-unread]");
    await unread.waitFor({ state: "visible", ...DIGEST });
    expect(Number(await unread.textContent())).toBeGreaterThanOrEqual(1);

    await page.locator("[data-testid=nav-app]").click();
    await page.locator("[data-testid=app-tab-home]").click();
    await page.locator("[data-testid=home-view]").waitFor({ state: "visible", ...SEEN });
    await page.locator("[data-testid=app-tab-messages]").click();
    const dm = page.locator("[data-testid=dm-view]");
    await dm.waitFor({ state: "visible", ...SEEN });
    expect(await unread.isVisible()).toBe(false);
    expect(await page.locator("[data-testid=channel-view]").isVisible()).toBe(false);

    const preview = dm
      .locator("[data-testid=message]")
      .filter({ hasText: `#${id}` })
      .first();
    await preview.waitFor(DIGEST);
    const chart = preview.locator("[data-testid=block-image], [data-testid=file-image]").first();
    await expect.poll(() => loadedWidth(chart), DIGEST).toBeGreaterThan(0);
    expect(await preview.locator("[data-testid=button]").allTextContents()).toEqual(["Keep", "Discard"]);

    await preview.locator(`[data-action-id=${PREVIEW_ACTIONS.discard}]`).click();
    const dialog = page.locator("[data-testid=confirm-dialog]");
    await dialog.waitFor({ state: "visible", ...SEEN });
    expect(await dialog.textContent()).toContain(`Discard alert #${id}?`);
    await dialog.locator("[data-testid=confirm-ok]").click();
    await dialog.waitFor({ state: "hidden", ...SEEN });

    // Edited in place: the buttons give way to the outcome, the chart stays.
    await expect
      .poll(() => preview.locator("[data-testid=message-content]").textContent(), DIGEST)
      .toContain(`Alert #${id} was discarded`);
    await preview.locator("[data-testid=edited]").waitFor(SEEN);
    expect(await preview.locator("[data-testid=button]").count()).toBe(0);
    expect(await loadedWidth(chart)).toBeGreaterThan(0);
    expect((await getAlertRule(run.runtime.deps.db, SANDBOX.teamId, id))?.state ?? "deleted").toBe("deleted");

    await page.locator("[data-testid=nav-channel]").click();
    const before = await ephemerals(page).count();
    await type(page, "/offers list");
    expect(await ephemeralText(page, before)).not.toContain(`#${id}`);
  });
});

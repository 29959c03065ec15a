/**
 * The forms and the CSV in the sandbox page, in Chromium, through the real bot: `/offers` opens the
 * New digest modal, a bad time is shown under its field and saves nothing, good picks save the
 * subscription the shown command line stands for; its digest's CSV button posts a file in the
 * thread, which downloads, and its usages add up to the digest's total.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SANDBOX } from "../../src/runtime.ts";
import { getSubscription } from "../../src/store/subscriptions.ts";
import { hasChromium } from "../support/requirements.ts";
import { DIGEST, SEEN, type, useSandbox } from "./harness.ts";

const ephemerals = (page: Page) => page.locator("[data-testid=message][data-ephemeral=true]");
const modal = (page: Page) => page.locator("[data-testid=modal]");
const field = (page: Page, block: string) => page.locator(`[data-testid=modal-input-${block}]`);

/** Picks an option and waits for the bot's redraw (views.update gives the modal a new hash). */
async function select(page: Page, block: string, value: string): Promise<void> {
  const before = await modal(page).getAttribute("data-hash");
  await field(page, block).selectOption(value);
  await expect.poll(() => modal(page).getAttribute("data-hash"), SEEN).not.toBe(before);
}

const runs = hasChromium();
describe.skipIf(!runs)("forms and CSV in the sandbox, in Chromium", () => {
  const sandbox = useSandbox();

  it("builds a digest through the modal, shows a bad value's error on its field, and downloads the digest's CSV", async () => {
    const run = await sandbox.open();
    const { page, runtime } = run;
    await type(page, "/offers");
    await modal(page).waitFor({ state: "visible", ...SEEN });
    expect(await page.locator("[data-testid=modal-title]").textContent()).toBe("New digest");
    expect(await modal(page).textContent()).toContain("/offers subscribe daily 08:00 last 24h interval=1h");

    await select(page, "od_range", "last 7d");
    await select(page, "od_interval", "1d");
    await select(page, "od_by", "member_gender");
    expect(await modal(page).textContent()).toContain(
      "/offers subscribe daily 08:00 last 7d interval=1d by=member_gender",
    );

    // A time that does not exist: the error shows under the Time field, the modal stays, nothing is saved.
    await field(page, "od_time").fill("25:00");
    await page.locator("[data-testid=modal-submit]").click();
    const error = page.locator("[data-error-for=od_time]");
    await error.waitFor({ state: "visible", ...SEEN });
    expect(await error.textContent()).toContain("25:00");
    expect(await modal(page).isVisible()).toBe(true);
    const db = runtime.deps.db;
    expect(await getSubscription(db, SANDBOX.teamId, 1)).toBeNull();

    await field(page, "od_time").fill("07:30");
    await page.locator("[data-testid=modal-submit]").click();
    await modal(page).waitFor({ state: "hidden", ...SEEN });
    const answer = ephemerals(page).first();
    await answer.waitFor(DIGEST);
    const id = Number(/#(\d+)/.exec((await answer.textContent()) ?? "")?.[1]);
    expect(await getSubscription(db, SANDBOX.teamId, id)).toMatchObject({
      scheduleText: "daily 07:30",
      query: "last 7d interval=1d by=member_gender",
    });

    // Its digest, now, with the CSV button under it.
    await type(page, `/offers run ${id}`);
    const digest = page
      .locator("[data-testid=message]:not([data-ephemeral=true])")
      .filter({ has: page.locator("[data-block-type=header]") })
      .first();
    await digest.waitFor(DIGEST);
    const fields = await digest.locator(".b-field").allTextContents();
    const total = Number(
      /Total\s*([\d,]+)/.exec(fields.find((f) => f.startsWith("Total")) ?? "")?.[1]?.replaceAll(",", ""),
    );
    expect(total).toBeGreaterThan(0);
    await digest.locator("[data-testid=button]", { hasText: "CSV" }).click();

    const toggle = page.locator("[data-testid=thread-toggle]").first();
    await toggle.waitFor(DIGEST);
    await toggle.click();
    const link = page.locator("[data-testid=thread] a.file-link").first();
    await link.waitFor(SEEN);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^offer-usages-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) as string, "utf8");
    const lines = csv.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toBe("bucket_start_local,bucket_start_utc,timezone,label,usages");
    expect(lines.slice(1).reduce((a, l) => a + Number(l.split(",").at(-1)), 0)).toBe(total);
  });
});

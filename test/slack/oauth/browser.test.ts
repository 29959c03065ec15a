/**
 * A person in Chromium: "Add to Slack" on our install page, the Allow page of Slack (the emulator's),
 * back to /slack/oauth_redirect with the state cookie the browser kept, and then the new workspace's
 * first scheduled digest, posted with its chart through the token that install gave.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_TOKENS } from "../../../src/local/placewise-simulator/index.ts";
import { launchChromium } from "../../sandbox/harness.ts";
import { hasChromium } from "../../support/requirements.ts";
import { type OAuthHarness, startOAuthApp, TEAMS } from "./harness.ts";

const runs = hasChromium();
describe.skipIf(!runs)("Add to Slack in Chromium", () => {
  let browser: Browser;
  let h: OAuthHarness;
  beforeAll(async () => {
    [browser, h] = await Promise.all([launchChromium(), startOAuthApp()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("from the install page through Slack's Allow page to the first digest in the new workspace", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${h.appUrl}/slack/install`);
    await page.getByRole("link", { name: "Add to Slack" }).click();
    // Slack's page: choose the workspace, allow.
    await page.waitForURL((u) => u.toString().startsWith(h.emulator.authorizeUrl));
    await page.locator("#team").selectOption({ label: "Mall A" });
    await page.getByRole("button", { name: "Allow" }).click();
    await page.waitForURL((u) => u.pathname === "/slack/oauth_redirect");
    expect(await page.locator("#installed").textContent()).toBe("offer-digest is installed in Mall A");
    expect(h.ws("a").tokens).toHaveLength(1);
    expect(errors).toEqual([]);

    // The new workspace connects its club and subscribes; the first run is due five minutes on.
    const before = h.ws("a").messagesIn(TEAMS.a.channel, { ephemeral: true }).length;
    expect((await h.connect("a", "1000941", SIM_TOKENS.client)).json).toBeNull();
    expect(h.ws("a").messagesIn(TEAMS.a.channel, { ephemeral: true })[before]?.text).toContain(
      "Placewise connected for customer id=1000941",
    );
    const sub = await h.command("a", 'subscribe cron "*/5 * * * *" last 1h interval=5m');
    expect((await h.ephemeral("a", sub.since)).text).toMatch(/#\d+/);
    const since = h.ws("a").messagesIn(TEAMS.a.channel, { ephemeral: true }).length;
    h.clock.advance(5 * 60_000);
    await h.runtime.worker?.runDueNow();
    const digest = await h.posted("a", since);
    expect(digest.text).toMatch(/Total: [\d,]+/);
    expect(JSON.stringify(digest.blocks)).toContain("slack_file");
    expect(h.ws("b").messagesIn(TEAMS.b.channel)).toHaveLength(0);
  }, 60_000);
});

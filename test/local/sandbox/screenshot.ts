/**
 * Takes the README screenshot of a running sandbox (`npm start`, no Slack credentials):
 *   npx tsx test/slack/sandbox/screenshot.ts http://localhost:3000/ docs/sandbox.png "/offers report last 7d interval=1d"
 * Each further argument is typed into the composer; the shot is taken once the last digest's chart
 * has loaded. Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { chromium } from "playwright-core";
import { chromiumPath } from "../../support/requirements.ts";

const [url = "http://localhost:3000/", out = "sandbox.png", ...commands] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.locator("[data-testid=connection][data-state=live]").waitFor({ timeout: 10_000 });
  for (const command of commands) {
    await page.locator("[data-testid=composer]").fill(command);
    await page.locator("[data-testid=composer]").press("Enter");
    await settle();
  }
  await page.locator("[data-testid=message-list]").evaluate((list) => {
    list.scrollTop = list.scrollHeight;
  });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);

  /**
   * A digest comes as a "working on it" reply and then the message with its chart, so wait until no
   * message has arrived for 2 s and every image has its pixels (the page's list is in the DOM).
   */
  async function settle(): Promise<void> {
    const state = () =>
      page.evaluate(
        "[document.querySelectorAll('[data-testid=message]').length, [...document.images].every((i) => i.complete && i.naturalWidth > 0)]",
      ) as Promise<[number, boolean]>;
    const [initial] = await state();
    let count = initial;
    let quietSince = Date.now();
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      const [now, loaded] = await state();
      if (now !== count) {
        count = now;
        quietSince = Date.now();
      } else if (count > initial && loaded && Date.now() - quietSince > 2000) return;
    }
  }
} finally {
  await browser.close();
}

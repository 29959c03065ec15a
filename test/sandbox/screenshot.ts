/**
 * The README screenshot, from the real runtime in sandbox mode (as `npm start` without Slack
 * credentials) and headless Chromium:
 *   npx tsx test/sandbox/screenshot.ts [docs/sandbox.png] ["/offers report last 7d interval=1d" ...]
 * Each command is typed into the composer; the shot is taken once every digest's chart has loaded.
 * Written as a palette PNG: the page is flat colours, so it stays well under 300 KB.
 */
import { writeFileSync } from "node:fs";
import sharp from "sharp";
import { DIGEST, launchChromium, loadedWidth, openSandbox, type } from "./harness.ts";

const [out = "docs/sandbox.png", ...given] = process.argv.slice(2);
const commands = given.length > 0 ? given : ["/offers report last 7d interval=1d"];

const browser = await launchChromium();
try {
  const run = await openSandbox(browser, { width: 1280, height: 860 });
  try {
    const { page } = run;
    const digests = page.locator("[data-testid=message]:not([data-ephemeral=true])", {
      has: page.locator("[data-testid=block-image]"),
    });
    let expected = 0;
    for (const command of commands) {
      await type(page, command);
      if (command.startsWith("/offers report")) {
        expected += 1;
        const digest = digests.nth(expected - 1);
        await digest.waitFor(DIGEST);
        const chart = digest.locator("[data-testid=block-image]");
        for (const deadline = Date.now() + DIGEST.timeout; (await loadedWidth(chart)) <= 0; ) {
          if (Date.now() > deadline) throw new Error(`the chart of "${command}" did not load`);
          await page.waitForTimeout(100);
        }
      }
    }
    // The "Working on it…" notes are done with once the digest is in; a person would dismiss them.
    for (const dismiss of await page.locator("[data-testid=dismiss]").all()) await dismiss.click();
    await page.locator("[data-testid=message-list]").evaluate((list) => {
      list.scrollTop = list.scrollHeight;
    });
    // Away from every message, so none is drawn in its hover colour.
    await page.mouse.move(1270, 700);
    const png = await page.screenshot();
    const small = await sharp(png).png({ palette: true, colors: 128, effort: 10 }).toBuffer();
    writeFileSync(out, small);
    console.log(`wrote ${out}: ${small.length} bytes (${png.length} before the palette)`);
  } finally {
    await run.close();
  }
} finally {
  await browser.close();
}

import type { App } from "@slack/bolt";
import { type Browser, chromium, type Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath, hasChromium } from "../../support/requirements.ts";
import { CHANNEL, must, postJson, type SandboxServer, startSandboxWithBot, USER } from "./harness.ts";

const ARGS = [...CHROMIUM_ARGS];
/** Live updates arrive in milliseconds; 5 s only bounds a failure. */
const SEEN = { timeout: 5000 };

let browser: Browser;
let cleanup: Array<() => Promise<void>> = [];

async function open(
  register: (app: App) => void = () => {},
  extra: Parameters<typeof startSandboxWithBot>[1] = {},
): Promise<{ sb: SandboxServer; page: Page }> {
  const sb = await startSandboxWithBot(register, extra);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  // A missing element fails in 5 s instead of hanging until the 30 s test timeout.
  page.setDefaultTimeout(SEEN.timeout);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  cleanup.push(async () => {
    await page.close();
    await sb.close();
    expect(errors, "errors thrown in the page").toEqual([]);
  });
  await page.goto(`${sb.origin}/`);
  await page.locator("[data-testid=connection][data-state=live]").waitFor(SEEN);
  return { sb, page };
}

async function chartPng(): Promise<Buffer> {
  const bars = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="160"><rect width="320" height="160" fill="#fff"/>
     <rect x="20" y="90" width="60" height="60" fill="#36c5f0"/><rect x="120" y="50" width="60" height="100" fill="#2eb67d"/>
     <rect x="220" y="20" width="60" height="130" fill="#ecb22e"/></svg>`,
  );
  return sharp(bars).png().toBuffer();
}

const runs = hasChromium();
describe.skipIf(!runs)("the sandbox page in Chromium", () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it("shows a digest the bot posts, live, with header, fields, context, buttons and its chart loaded", async () => {
    const { sb, page } = await open();
    const upload = await sb.client.files.uploadV2({
      file: await chartPng(),
      filename: "chart.png",
      title: "Chart",
    });
    const fileId = must(
      (upload as { files?: Array<{ files?: Array<{ id?: string }> }> }).files?.[0]?.files?.[0]?.id,
    );
    const posted = await sb.client.chat.postMessage({
      channel: CHANNEL,
      text: "Offer usages per day, last 7 days",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Offer usages per day, last 7 days" } },
        {
          type: "section",
          fields: [
            { type: "mrkdwn", text: "*Total*\n11,060" },
            { type: "mrkdwn", text: "*Change vs previous period*\n▼ -2.6% vs 11,355" },
          ],
        },
        { type: "image", slack_file: { id: fileId }, alt_text: "Chart of offer usages" },
        {
          type: "context",
          elements: [
            {
              type: "mrkdwn",
              text: "`by=member_gender` <https://example.com/app|Open in Placewise> <#C0GENERAL>",
            },
          ],
        },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "noop",
              text: { type: "plain_text", text: "Run now" },
              style: "primary",
            },
          ],
        },
      ],
    });
    const message = page.locator(`[data-testid=message][data-ts="${posted.ts}"]`);
    await message.waitFor(SEEN);
    await expect
      .poll(() => message.locator("[data-block-type=header]").textContent())
      .toBe("Offer usages per day, last 7 days");
    expect(await message.locator(".b-field b").allTextContents()).toEqual([
      "Total",
      "Change vs previous period",
    ]);
    const context = message.locator("[data-block-type=context]");
    expect(await context.locator("code").textContent()).toBe("by=member_gender");
    expect(await context.locator("a").getAttribute("href")).toBe("https://example.com/app");
    expect(await context.textContent()).toContain("#general");
    expect(await message.locator("[data-testid=button]").getAttribute("class")).toContain("btn-primary");
    const image = message.locator("[data-testid=block-image]");
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), SEEN)
      .toBe(320);
  });

  it("updates an edited message in place, nests thread replies, and marks ephemeral replies as only visible to you", async () => {
    const { sb, page } = await open();
    const root = await sb.client.chat.postMessage({ channel: CHANNEL, text: "Alert firing: below 5 per 1h" });
    const message = page.locator(`[data-testid=message][data-ts="${root.ts}"]`);
    await message.waitFor(SEEN);
    await sb.client.chat.update({
      channel: CHANNEL,
      ts: must(root.ts),
      text: "Alert resolved: back to 12 per 1h",
    });
    await expect
      .poll(() => message.locator("[data-testid=message-content]").textContent(), SEEN)
      .toBe("Alert resolved: back to 12 per 1h");
    await message.locator("[data-testid=edited]").waitFor(SEEN);
    expect(await page.locator("[data-testid=message]").count()).toBe(1);

    await sb.client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: must(root.ts),
      text: "Still below at 09:00",
    });
    const toggle = page.locator("[data-testid=thread-toggle]");
    await expect.poll(() => toggle.textContent(), SEEN).toBe("1 reply");
    expect(await page.locator("[data-testid=reply]").isVisible()).toBe(false);
    await toggle.click();
    expect(await page.locator("[data-testid=reply]").textContent()).toContain("Still below at 09:00");

    const reply = await postJson(sb.emulator.responseUrl(CHANNEL, USER), { text: "Only *you* can see this" });
    expect(reply.status).toBe(200);
    const ephemeral = page.locator("[data-testid=message][data-ephemeral=true]");
    await ephemeral.waitFor(SEEN);
    expect(await ephemeral.locator("[data-testid=ephemeral-marker]").textContent()).toBe(
      "Only visible to you",
    );
    expect(await ephemeral.locator("b").textContent()).toBe("you");
    await ephemeral.locator("[data-testid=dismiss]").click();
    await ephemeral.waitFor({ state: "detached", ...SEEN });
  });

  it("asks before a button with a confirm dialog, and sends the press to the bot only when confirmed", async () => {
    const pressed: string[] = [];
    const { sb, page } = await open((app) => {
      app.action("item_delete", async ({ ack, body, client, action }) => {
        await ack();
        pressed.push((action as { value: string }).value);
        const b = body as { channel?: { id: string }; message?: { ts: string } };
        await client.chat.update({
          channel: must(b.channel?.id),
          ts: must(b.message?.ts),
          text: "Subscription #7 deleted.",
        });
      });
    });
    const posted = await sb.client.chat.postMessage({
      channel: CHANNEL,
      text: "Subscription #7",
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: "*#7* Digest: every day at 08:00" } },
        {
          type: "actions",
          block_id: "item_7",
          elements: [
            {
              type: "button",
              action_id: "item_delete",
              value: "7",
              style: "danger",
              text: { type: "plain_text", text: "Delete" },
              confirm: {
                title: { type: "plain_text", text: "Delete #7?" },
                text: { type: "mrkdwn", text: "Digest #7 will stop for everyone in the channel." },
                confirm: { type: "plain_text", text: "Delete" },
                deny: { type: "plain_text", text: "Cancel" },
                style: "danger",
              },
            },
          ],
        },
      ],
    });
    const message = page.locator(`[data-testid=message][data-ts="${posted.ts}"]`);
    const dialog = page.locator("[data-testid=confirm-dialog]");
    await message.locator("[data-action-id=item_delete]").click();
    await dialog.waitFor({ state: "visible", ...SEEN });
    expect(await dialog.locator("h2").textContent()).toBe("Delete #7?");
    expect(await dialog.textContent()).toContain("Digest #7 will stop for everyone in the channel.");
    await dialog.locator("[data-testid=confirm-deny]").click();
    await dialog.waitFor({ state: "hidden", ...SEEN });
    expect(pressed).toEqual([]);

    await message.locator("[data-action-id=item_delete]").click();
    await dialog.locator("[data-testid=confirm-ok]").click();
    await expect
      .poll(() => message.locator("[data-testid=message-content]").textContent(), SEEN)
      .toBe("Subscription #7 deleted.");
    expect(pressed).toEqual(["7"]);
  });

  it("sends a typed /offers command to the bot and shows its ephemeral answer; other text gets a hint", async () => {
    const { page } = await open((app) => {
      app.command("/offers", async ({ ack, command, respond }) => {
        await ack();
        await respond({
          response_type: "ephemeral",
          text: `Unknown word \`${command.text}\`: try \`/offers help\``,
        });
      });
    });
    const composer = page.locator("[data-testid=composer]");
    await composer.fill("/offers lats 7d");
    await composer.press("Enter");
    const answer = page.locator("[data-testid=message][data-ephemeral=true]");
    await answer.waitFor(SEEN);
    expect(await answer.locator("code").allTextContents()).toEqual(["lats 7d", "/offers help"]);
    expect(await composer.inputValue()).toBe("");

    await composer.fill("hello");
    await composer.press("Enter");
    await expect.poll(() => answer.count(), SEEN).toBe(2);
    expect(await answer.last().textContent()).toContain(
      "this channel takes slash commands only; try /offers help",
    );
  });

  it("opening the Home tab asks the bot for its view and shows it", async () => {
    const { page } = await open((app) => {
      app.event("app_home_opened", async ({ event, client }) => {
        await client.views.publish({
          user_id: event.user,
          view: {
            type: "home",
            blocks: [
              { type: "header", text: { type: "plain_text", text: "Your offer digests and alerts" } },
              { type: "section", text: { type: "mrkdwn", text: "*#1* Digest in <#C0GENERAL>" } },
            ],
          },
        });
      });
    });
    await page.locator("[data-testid=nav-app]").click();
    const home = page.locator("[data-testid=home-view]");
    await expect
      .poll(() => home.locator("[data-block-type=header]").textContent(), SEEN)
      .toBe("Your offer digests and alerts");
    expect(await home.textContent()).toContain("#1 Digest in #general");
    expect(await page.locator("[data-testid=channel-view]").isVisible()).toBe(false);
  });

  it("counts the bot's DMs that arrive while the channel is shown, and opening the app shows them live", async () => {
    const { sb, page } = await open();
    const dm = must((await sb.client.conversations.open({ users: USER })).channel?.id, "DM id");
    const first = await sb.client.chat.postMessage({ channel: dm, text: "Your digest #3 was paused" });
    await sb.client.chat.postMessage({ channel: dm, text: "2 runs of digest #4 were skipped" });
    // An edit is not news: the count stays at two.
    await sb.client.chat.update({
      channel: dm,
      ts: must(first.ts),
      text: "Your digest #3 was paused: bot removed",
    });
    // The hidden Messages tab has drawn the edit, so every event has been handled.
    await expect
      .poll(() => page.locator("[data-testid=dm-view]").textContent(), SEEN)
      .toContain("bot removed");
    const badge = page.locator("[data-testid=nav-app-unread]");
    expect(await badge.textContent()).toBe("2");
    expect(await page.locator("[data-testid=message-list] [data-testid=message]").count()).toBe(0);

    // With unread messages the app opens on Messages, not on the last tab (Home).
    await page.locator("[data-testid=nav-app]").click();
    const dmView = page.locator("[data-testid=dm-view]");
    await dmView.waitFor({ state: "visible", ...SEEN });
    expect(await badge.isVisible()).toBe(false);
    expect(await dmView.locator("[data-testid=message-content]").allTextContents()).toEqual([
      "Your digest #3 was paused: bot removed",
      "2 runs of digest #4 were skipped",
    ]);
    await sb.client.chat.postMessage({ channel: dm, text: "while you look" });
    await dmView.getByText("while you look").waitFor(SEEN);
    expect(await badge.isVisible()).toBe(false);
    await page.locator("[data-testid=app-tab-home]").click();
    expect(await dmView.isVisible()).toBe(false);
  });

  it("draws mrkdwn as text and elements, never as HTML, and leaves snake_case words alone", async () => {
    const { page } = await open();
    // A string, so the test runner's transform does not rewrite the browser's import().
    const html = await page.evaluate(`(async () => {
      const { mrkdwn } = await import("/sandbox/assets/mrkdwn.js");
      const box = document.createElement("div");
      const names = { users: { U0ALICE: "alice" }, channels: { C0GENERAL: "general" } };
      box.append(mrkdwn(${JSON.stringify(
        "*Total* _by_ member_gender &amp; offer_type &lt;script&gt;alert(1)&lt;/script&gt; <@U0ALICE> <javascript:alert(1)|x>\n```a < b```",
      )}, { names }));
      return box.innerHTML;
    })()`);
    expect(html).toBe(
      '<b>Total</b> <i>by</i> member_gender &amp; offer_type &lt;script&gt;alert(1)&lt;/script&gt; <span class="md-mention">@alice</span> &lt;javascript:alert(1)|x&gt;<br><pre class="md-pre">a &lt; b</pre>',
    );
  });

  it("the Run due now button runs the worker's due work and says how much was delivered", async () => {
    let runs = 0;
    const { page } = await open(() => {}, {
      runDueNow: async () => {
        runs += 1;
        return { delivered: 2 };
      },
    });
    await page.locator("[data-testid=run-due]").click();
    await expect
      .poll(() => page.locator("[data-testid=status]").textContent(), SEEN)
      .toBe("Ran due work: 2 delivered");
    expect(runs).toBe(1);
  });
});

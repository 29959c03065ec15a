/**
 * The whole product as `npm start` runs it without Slack credentials: the real runtime (Bolt app,
 * worker, in-process Slack emulator, simulator-backed Placewise, SQLite in a temp dir) and its
 * sandbox page open in headless Chromium.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { type Runtime, startRuntime } from "../../src/runtime.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { silentLogger } from "../../src/util/log.ts";
import { CHROMIUM_ARGS, chromiumPath } from "../support/requirements.ts";

export { CHROMIUM_ARGS };

/** Live updates take milliseconds; 5 s only bounds a failure. */
export const SEEN = { timeout: 5_000 };
/** A digest fetches from the simulator and renders a PNG: about a second here; 20 s bounds a failure. */
export const DIGEST = { timeout: 20_000 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS] });
}

export interface SandboxRun {
  readonly runtime: Runtime;
  readonly clock: ManualClock;
  readonly origin: string;
  readonly page: Page;
  /** Errors thrown inside the page; a passing test expects none. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The bot's clock is fixed at the wall-clock start of the test: the worker finds nothing due on its
 * own, and the sandbox signs with it, which stays inside Bolt's 5-minute signature window.
 */
export async function openSandbox(
  browser: Browser,
  viewport = { width: 1280, height: 860 },
): Promise<SandboxRun> {
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-sandbox-"));
  const clock = new ManualClock(Date.now());
  const config = parseConfig({
    PORT: "0",
    DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
    MIN_SCHEDULE_MINUTES: "1",
  });
  const runtime = await startRuntime(config, {
    testHooks: true,
    role: "all",
    host: "127.0.0.1",
    clock,
    // A fixed clock never moves, so waiting out Slack's pace in real time would only slow the tests.
    sleep: async () => {},
    log: silentLogger,
  });
  const origin = `http://127.0.0.1:${runtime.web?.port}`;
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  page.setDefaultTimeout(SEEN.timeout);
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/`);
  await page.locator("[data-testid=connection][data-state=live]").waitFor(SEEN);
  return {
    runtime,
    clock,
    origin,
    page,
    pageErrors,
    close: async () => {
      await page.close();
      await runtime.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Types a line into the composer and sends it with Enter, as a person would. */
export async function type(page: Page, line: string): Promise<void> {
  const composer = page.locator("[data-testid=composer]");
  await composer.fill(line);
  await composer.press("Enter");
}

/** The natural width of an image once it has finished loading (0 when it failed). */
export function loadedWidth(img: ReturnType<Page["locator"]>): Promise<number> {
  return img.evaluate((node) => {
    const i = node as unknown as { complete: boolean; naturalWidth: number };
    return i.complete ? i.naturalWidth : -1;
  });
}

/**
 * One Chromium for the describe block it is called in, and a sandbox per test: the runtime is closed
 * after each test, which fails if the page threw.
 */
export function useSandbox(): { open(viewport?: { width: number; height: number }): Promise<SandboxRun> } {
  let browser: Browser | undefined;
  let run: SandboxRun | null = null;
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
  return {
    async open(viewport) {
      if (browser === undefined) throw new Error("useSandbox: Chromium is launched in beforeAll");
      run = await openSandbox(browser, viewport);
      return run;
    },
  };
}

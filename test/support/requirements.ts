/**
 * Parts of the suite that need a real PostgreSQL server or Debian's Chromium. Elsewhere they are
 * skipped with a printed reason; in CI (.ci/run sets REQUIRE_POSTGRES / REQUIRE_CHROMIUM) a missing
 * part fails the run instead of skipping quietly.
 */
import { existsSync } from "node:fs";

function need(what: string, available: boolean, requiredBy: string, how: string): boolean {
  if (available) return true;
  if (process.env[requiredBy])
    throw new Error(`${what} is required (${requiredBy} is set) but not available: ${how}`);
  console.warn(`SKIPPED: ${what} is not available here (${how}); CI runs these tests.`);
  return false;
}

export const postgresUrl: string | null = process.env.TEST_DATABASE_URL ?? null;

/** True when PostgreSQL tests can run; prints why not, or throws in CI. */
export function hasPostgres(): boolean {
  return need(
    "PostgreSQL",
    postgresUrl !== null,
    "REQUIRE_POSTGRES",
    "set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test",
  );
}

export const chromiumPath: string = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** True when browser tests can run; prints why not, or throws in CI. */
export function hasChromium(): boolean {
  return need(
    "Chromium",
    existsSync(chromiumPath),
    "REQUIRE_CHROMIUM",
    "apt-get install chromium, or set CHROMIUM_PATH",
  );
}

/**
 * Headless Chromium flags for this machine: as root it needs --no-sandbox, and without the
 * background-networking flags it keeps trying hosts the closed network refuses.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const CLI = join(ROOT, "src", "cli.ts");

// A clean cwd: no .env from the checkout, and the default SQLite file lands here.
const cwd = mkdtempSync(join(tmpdir(), "offer-digest-secrets-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** `offer-digest serve web`, which here always stops at start-up (nothing listens on port 1). */
async function serve(env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, "serve", "web"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", PORT: "0", ...env },
      timeout: 30_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, output: err.stdout + err.stderr };
  }
}

describe("start-up never prints a password", () => {
  it("a DATABASE_URL whose password holds / and a PLACEWISE_API_URL with userinfo: summary and failure hide both", async () => {
    // With a token the summary names PLACEWISE_API_URL instead of "built-in simulator".
    const { code, output } = await serve({
      DATABASE_URL: "postgres://bob:p/ssw0rd@127.0.0.1:1/db",
      PLACEWISE_API_URL: "http://user:pw0rd@127.0.0.1:1",
      PLACEWISE_USER_TOKEN: "tok",
    });
    expect(code).toBe(1);
    expect(output).toContain(
      "Placewise http://user:***@127.0.0.1:1, database postgres://***@127.0.0.1:1/db, timezone",
    );
    expect(output).toContain("Cannot connect to postgres://***@127.0.0.1:1/db: Invalid URL");
    expect(output).toContain("must be percent-encoded");
    expect(output).not.toContain("ssw0rd");
    expect(output).not.toContain("pw0rd");
  });

  it("a password-bearing SLACK_API_URL stays hidden when Slack cannot be reached", async () => {
    const { code, output } = await serve({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "signing",
      SLACK_API_URL: "http://u:slackpw@127.0.0.1:1/api/",
    });
    expect(code).toBe(1);
    expect(output).toContain("http://u:***@127.0.0.1:1/api/");
    expect(output).not.toContain("slackpw");
  });

  it("a malformed PLACEWISE_API_URL is refused naming the variable, without its password", async () => {
    const { code, output } = await serve({ PLACEWISE_API_URL: "ftp://user:pw0rd@host" });
    expect(code).toBe(1);
    expect(output).toContain('Configuration error: PLACEWISE_API_URL: "ftp://user:***@host" must start with');
    expect(output).not.toContain("pw0rd");
  });
});

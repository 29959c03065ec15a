import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { targets } from "../store/databases.ts";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const CLI = join(ROOT, "src", "cli.ts");

// A clean folder as cwd: no .env from the developer's checkout, and the default SQLite path lands here.
const cwd = mkdtempSync(join(tmpdir(), "offer-digest-migrate-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function migrate(
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, "migrate"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("offer-digest migrate", () => {
  it("creates the default SQLite database, prints what it applied, and reports up to date the second time", async () => {
    const first = await migrate({});
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain("applied 0001_init");
    expect(first.stdout).toContain("file:./data/offer-digest.sqlite");
    const second = await migrate({});
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("already up to date");
  });

  it("fails with one line and exit code 1 when PostgreSQL is unreachable, hiding the password", async () => {
    // Nothing listens on loopback port 1, so the connection is refused at once.
    const result = await migrate({ DATABASE_URL: "postgres://app:hunter2@127.0.0.1:1/offers" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("postgres://app:***@127.0.0.1:1/offers");
    expect(result.stderr).not.toContain("hunter2");
  });

  const postgres = targets.find((t) => t.name === "postgres");
  it.skipIf(postgres?.skipReason !== null)("migrates a PostgreSQL database from DATABASE_URL", async () => {
    const created = await postgres?.create();
    if (created === undefined) throw new Error("no postgres target");
    try {
      const result = await migrate({ DATABASE_URL: created.url });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("applied 0001_init");
    } finally {
      await created.drop();
    }
  });
});

import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../util/errors.ts";

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

/**
 * Parses `--name value`, `--name=value` and bare `--flag`. `booleans` lists flags that never take a
 * value; every other flag must have one. Unknown flags are refused with the list of known ones.
 */
export function parseArgs(
  argv: readonly string[],
  known: readonly string[],
  booleans: readonly string[] = [],
): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!known.includes(name) && !booleans.includes(name)) {
      const all = [...known, ...booleans].map((k) => `--${k}`).join(", ");
      throw new InputError(`Unknown option "--${name}": must be one of ${all || "(none)"}.`, arg);
    }
    if (booleans.includes(name)) {
      flags.set(name, true);
    } else if (eq !== -1) {
      flags.set(name, arg.slice(eq + 1));
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--"))
        throw new InputError(`Option "--${name}" needs a value.`, arg);
      flags.set(name, value);
      i++;
    }
  }
  return { positional, flags };
}

/** The value of a flag that must be present. */
export function required(args: ParsedArgs, name: string, example: string): string {
  const v = args.flags.get(name);
  if (typeof v !== "string" || v === "")
    throw new InputError(`Missing --${name}: for example --${name} ${example}`);
  return v;
}

/** `--at ISO`: the instant a report is for (default now), so a past digest can be reproduced. */
export function parseAt(value: string | true | undefined, now: () => number = Date.now): number {
  if (typeof value !== "string") return now();
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    throw new InputError(
      `--at "${value}" is not a time: use ISO 8601, e.g. 2026-10-25T09:00:00+01:00`,
      value,
    );
  }
  return at;
}

/**
 * Refuses to replace files a person already has, unless `--force`: `render --out report.pdf` once
 * overwrote whatever was there. Checked before any data is fetched, so the answer comes at once;
 * the write itself uses `writeNew`, which also refuses a file that appears in between.
 */
export async function refuseOverwrite(paths: readonly string[], force: boolean): Promise<void> {
  for (const path of paths) {
    const found = await stat(path).catch(() => null);
    if (found === null) continue;
    if (found.isDirectory()) {
      throw new InputError(
        `--out ${path} is a directory: name a file inside it, e.g. ${join(path, "chart.png")}.`,
      );
    }
    if (!force) throw existsError(path);
  }
}

function existsError(path: string): InputError {
  return new InputError(
    `${path} already exists: pass --force to overwrite it, or choose another --out.`,
    path,
  );
}

/** writeFile that fails with the --force message when `path` exists and `force` is not set. */
export async function writeNew(path: string, data: string | Uint8Array, force: boolean): Promise<void> {
  try {
    await writeFile(path, data, { flag: force ? "w" : "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw existsError(path);
    throw e;
  }
}

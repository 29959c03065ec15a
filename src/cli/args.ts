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

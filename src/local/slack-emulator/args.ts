/**
 * Reading Web API arguments the way Slack does. Form bodies carry every value as a string, with objects
 * JSON-encoded (that is what @slack/web-api sends); JSON bodies carry real values. Both must work.
 */
export type Args = Record<string, unknown>;

/** A Slack `{ok:false,error}` answer; `extra` is merged into the body (e.g. `errors`, `needed`). */
export class ApiFailure extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

/** A string argument; absent or empty gives undefined. */
export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (v === undefined || v === null) return undefined;
  const s = typeof v === "string" ? v : String(v);
  return s === "" ? undefined : s;
}

export function required(args: Args, key: string): string {
  const v = str(args, key);
  if (v === undefined)
    throw new ApiFailure("invalid_arguments", { errors: [`missing required field: ${key}`] });
  return v;
}

export function bool(args: Args, key: string): boolean {
  const v = args[key];
  return v === true || v === "true" || v === "1" || v === 1;
}

export function int(args: Args, key: string): number | undefined {
  const v = str(args, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n))
    throw new ApiFailure("invalid_arguments", { errors: [`${key} must be an integer`] });
  return n;
}

/** A JSON argument: already parsed (JSON body) or a JSON string (form body). `bad` is thrown when it is not JSON. */
export function json(args: Args, key: string, bad: string): unknown {
  const v = args[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new ApiFailure(bad, { errors: [`${key} is not valid JSON`] });
  }
}

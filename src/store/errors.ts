/**
 * Typed errors of the store. `code` is stable for callers to branch on; the message names what was
 * wrong and what is allowed, and never contains a database password.
 */
export type StoreErrorCode =
  | "bad_url" // DATABASE_URL is neither file:PATH nor postgres://
  | "unavailable" // cannot open or reach the database
  | "migration_failed" // a migration threw; the database keeps the migrations before it
  | "invalid_input" // a repository was given a value outside its column's domain (unknown state, empty team)
  | "not_found"; // a write named a parent row that does not exist in this team

export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Throws unless `value` is one of `allowed`; used before every write of an enum column. */
export function checkOneOf<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StoreError("invalid_input", `Unknown ${what} "${value}": must be one of ${allowed.join(", ")}.`);
}

/** Every repository call is scoped by team; an empty id would silently scope to nothing. */
export function checkTeam(teamId: string): string {
  if (typeof teamId !== "string" || teamId.trim() === "") {
    throw new StoreError(
      "invalid_input",
      `Missing Slack team id: every store call needs one, e.g. "T0123ABCD".`,
    );
  }
  return teamId;
}

/** A foreign key violation, in either database's words (SQLite SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL 23503). */
export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503";
}

/** Replaces the password of a postgres:// URL with *** so the URL can be printed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

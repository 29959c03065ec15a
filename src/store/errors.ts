/**
 * Typed errors of the store. `code` is stable for callers to branch on; the message names what was
 * wrong and what is allowed, and never contains a database password.
 */
import { CodedError } from "../util/errors.ts";

export type StoreErrorCode =
  | "bad_url" // DATABASE_URL is neither file:PATH nor postgres://
  | "unavailable" // cannot open or reach the database
  | "migration_failed" // a migration threw; the database keeps the migrations before it
  | "invalid_input" // a repository was given a value outside its column's domain (unknown state, empty team)
  | "not_found"; // a write named a parent row that does not exist in this team

export class StoreError extends CodedError<StoreErrorCode> {
  override readonly name = "StoreError";
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

/** Ids are PostgreSQL `integer`s (serial), 1 to 2^31-1; checked here so both databases refuse the same values. */
export const MAX_ID = 2_147_483_647;

export function isId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ID;
}

export function checkId(what: string, id: number): number {
  if (isId(id)) return id;
  throw new StoreError(
    "invalid_input",
    `${what} ${id} is not an id: ids are whole numbers from 1 to ${MAX_ID}.`,
  );
}

/**
 * Timestamps are whole epoch milliseconds; PostgreSQL's bigint refuses 1.5 where SQLite would store it,
 * so the check happens before either sees it.
 */
export function checkMs(what: string, ms: number): number {
  if (Number.isSafeInteger(ms) && ms >= 0) return ms;
  throw new StoreError(
    "invalid_input",
    `${what} ${ms} is not a time: expected whole epoch milliseconds, e.g. 1756288800000.`,
  );
}

/**
 * The base of the project's errors: a stable `code` callers branch on, a message for a person that
 * names what was wrong and what would be right, and the error it wraps as `cause`.
 */
export class CodedError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    // No `cause` key at all when there is none, so a logged error does not show `cause: undefined`.
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/**
 * A mistake in what a person typed or configured. The message names the wrong word and what
 * would be right; it is safe to show (callers escape it for Slack).
 */
export class InputError extends CodedError {
  override readonly name = "InputError";
  constructor(
    message: string,
    /** The offending word or value as typed, when there is one. */
    readonly word?: string,
    /** Narrower codes for callers that react differently (see ScheduleError). */
    code = "invalid_input",
  ) {
    super(code, message);
  }
}

/** Keeps the caller's error or wraps anything else; for `catch (e: unknown)`. */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

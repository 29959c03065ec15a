/**
 * A mistake in what a person typed or configured. The message names the wrong word and what
 * would be right; it is safe to show (callers escape it for Slack).
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    message: string,
    /** The offending word or value as typed, when there is one. */
    readonly word?: string,
  ) {
    super(message);
  }
}

/** Keeps the caller's error or wraps anything else; for `catch (e: unknown)`. */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

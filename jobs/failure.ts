/**
 * What to do when a digest run fails: a small pure function, table-tested.
 * Transient errors are retried inside the run; a final failure is recorded and told once; errors
 * that cannot heal, or too many failures in a row, pause the subscription with the reason.
 */

import { DeliveryError } from "../src/delivery/index.ts";
import { PlacewiseError } from "../src/placewise/errors.ts";
import { InputError } from "../src/util/errors.ts";

/** Consecutive failed runs after which a subscription is paused. */
export const MAX_CONSECUTIVE_FAILURES = 3;
/** Attempts within one run for transient errors (1 s, then 4 s apart). */
export const ATTEMPTS_PER_RUN = 3;

export type ErrorClass = "transient" | "permanent";

export interface FailureDecision {
  /** Try again within this run after the delay. */
  readonly retryInMs: number | null;
  /** Pause the subscription with this reason (shown in /offers list and told to the creator). */
  readonly pauseReason: string | null;
  /** Tell the creator (once per run; the store's notices make it once). */
  readonly notifyCreator: boolean;
}

export function classify(e: unknown): { kind: ErrorClass; reason: string } {
  if (e instanceof DeliveryError) return { kind: e.kind, reason: e.message };
  if (e instanceof PlacewiseError) {
    // A 200 whose body is not the documented shape is most likely a one-off (a proxy's error page):
    // retry it like a 5xx rather than pause a subscription over it.
    if (e.transient || e.code === "bad_response") return { kind: "transient", reason: e.message };
    // A revoked token or a missing permit does not heal by waiting; a bad query does not either.
    return { kind: "permanent", reason: e.message };
  }
  if (e instanceof InputError) return { kind: "permanent", reason: e.message };
  return { kind: "transient", reason: (e as Error)?.message ?? String(e) };
}

export function decideFailure(
  e: unknown,
  attempt: number,
  consecutiveFailuresBefore: number,
): FailureDecision & { kind: ErrorClass; reason: string } {
  const { kind, reason } = classify(e);
  if (kind === "transient" && attempt < ATTEMPTS_PER_RUN) {
    return { kind, reason, retryInMs: 1000 * 4 ** (attempt - 1), pauseReason: null, notifyCreator: false };
  }
  if (kind === "permanent")
    return { kind, reason, retryInMs: null, pauseReason: reason, notifyCreator: true };
  const failures = consecutiveFailuresBefore + 1;
  const pauseReason =
    failures >= MAX_CONSECUTIVE_FAILURES ? `${failures} runs in a row failed; last error: ${reason}` : null;
  return { kind, reason, retryInMs: null, pauseReason, notifyCreator: true };
}

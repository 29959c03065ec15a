/** What became of one claimed digest run; the worker counts deliveries from it. */
export type DigestOutcome =
  | {
      readonly kind: "delivered";
      readonly channel: string;
      readonly ts: string;
      /** An earlier message of the same run key was found and kept; nothing new was posted. */
      readonly reused: boolean;
    }
  /** Its `when=` condition said not to post (src/report/conditions.ts): recorded as skipped, not a failure. */
  | { readonly kind: "skipped"; readonly reason: string }
  /** Recorded as failed for good; `paused` when the subscription was paused too. */
  | { readonly kind: "failed"; readonly reason: string; readonly paused: boolean }
  /** Shutdown came first: the lease was handed back (or is left to expire) for the next worker. */
  | { readonly kind: "released" }
  /**
   * A transient failure outlasted the attempts within the run (a Placewise or Slack outage): the
   * claim stays with its lease ending at `retryAt`, and a later tick takes it over and tries again.
   */
  | { readonly kind: "retry_later"; readonly retryAt: number }
  /** Another worker took the claim over before the post; it delivers the run. */
  | { readonly kind: "lost" };

export interface RunContext {
  readonly owner: string;
  readonly leaseMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Aborted on shutdown: the run stops between steps and hands its lease back. */
  readonly signal: AbortSignal;
}

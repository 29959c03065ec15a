/**
 * Typed errors of the Placewise client. Each has a stable `code`, a message a person can act on,
 * and whether retrying could help. The Slack layer turns them into plain sentences.
 */
import { CodedError } from "../util/errors.ts";
export type PlacewiseErrorCode =
  | "auth" // 401 bad client token, 460 invalid OAuth token
  | "permission" // 403 missing permit, 402 feature not enabled
  | "invalid_query" // 400, 404, 422, 470, 471: our request is wrong; details from the API
  | "rate_limited" // 429 that outlived our retries
  | "unavailable" // 503 maintenance, other 5xx, network errors
  | "timeout" // the per-query deadline passed
  | "bad_response"; // a 200 whose body is not the documented shape

export class PlacewiseError extends CodedError<PlacewiseErrorCode> {
  override readonly name = "PlacewiseError";
  constructor(
    code: PlacewiseErrorCode,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly apiMessage?: string;
      readonly apiDetails?: unknown;
      /** Seconds after which a retry may succeed (from Retry-After). */
      readonly retryAfterSeconds?: number;
      readonly cause?: unknown;
    } = {},
  ) {
    super(code, message, { cause: details.cause });
  }

  /** Whether sending the same request again later could succeed. */
  get transient(): boolean {
    return this.code === "rate_limited" || this.code === "unavailable" || this.code === "timeout";
  }
}

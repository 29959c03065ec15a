/**
 * What went wrong talking to Slack, decided by one pure function so that "retry", "pause the
 * subscription" and "tell a human" all agree. Permanent errors cannot heal by waiting (the bot was
 * removed, the token is gone); transient ones can (5xx, timeouts, rate limits).
 */
import { CodedError } from "../util/errors.ts";
export type FailureKind = "transient" | "permanent";

export interface Classified {
  kind: FailureKind;
  /** Slack's error name (`not_in_channel`), or `http_503`, `timeout`, `network`, `unknown`. */
  code: string;
  /** A sentence for a person: what happened and what fixes it. */
  reason: string;
  retryAfterSeconds?: number;
}

export class DeliveryError extends CodedError {
  override readonly name = "DeliveryError";
  readonly retryAfterSeconds?: number;
  constructor(
    code: string,
    readonly kind: FailureKind,
    message: string,
    opts: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(code, message, { cause: opts.cause });
    if (opts.retryAfterSeconds !== undefined) this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  static from(e: unknown, where?: { channel?: string }): DeliveryError {
    if (e instanceof DeliveryError) return e;
    const c = classifySlackError(e, where);
    return new DeliveryError(c.code, c.kind, c.reason, {
      cause: e,
      ...(c.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: c.retryAfterSeconds }),
    });
  }
}

type Reason = (where: string, detail: string) => string;

const REINSTALL = "reinstall the Slack app and update SLACK_BOT_TOKEN";

const PERMANENT: Record<string, Reason> = {
  channel_not_found: (w) =>
    `${w} does not exist any more, or it is private and the bot is not in it; invite the bot or choose another channel`,
  not_in_channel: (w) => `the bot was removed from ${w}; invite it back with /invite, then resume`,
  is_archived: (w) => `${w} is archived; unarchive it or move the subscription to another channel`,
  account_inactive: () => `the bot's Slack account was deactivated; ${REINSTALL}`,
  token_revoked: () => `the bot's Slack token was revoked; ${REINSTALL}`,
  invalid_auth: () => `Slack does not accept the bot's token; ${REINSTALL}`,
  not_authed: () => "no Slack token was sent; set SLACK_BOT_TOKEN",
  missing_scope: (_w, d) =>
    `the Slack app lacks the permission ${d || "it needs"}; add it to the manifest and reinstall`,
  team_access_not_granted: () => "the Slack app has no access to this workspace; ask an admin to approve it",
  ekm_access_denied: () => "Slack Enterprise Key Management refused access; ask a workspace admin",
  restricted_action: (w) => `a workspace setting does not let the bot post in ${w}; ask an admin`,
};

const RATE_LIMITED = "Slack kept rate-limiting the bot; it will be tried again later";
const TIMEOUT = "Slack took too long to answer; it will be tried again";

const TRANSIENT: Record<string, string> = {
  internal_error: "Slack had an internal error; it will be tried again",
  fatal_error: "Slack had a server error; it will be tried again",
  service_unavailable: "Slack is unavailable for the moment; it will be tried again",
  request_timeout: TIMEOUT,
  ratelimited: RATE_LIMITED,
  rate_limited: RATE_LIMITED,
};

/** Classifies anything a WebClient call (or our own upload fetch) can throw. Pure. */
export function classifySlackError(e: unknown, where: { channel?: string } = {}): Classified {
  const w = where.channel === undefined ? "the channel" : `<#${where.channel}>`;
  const err = (typeof e === "object" && e !== null ? e : {}) as ErrorShape;
  if (e instanceof DeliveryError) return pick(e.code, e.kind, e.message, e.retryAfterSeconds);
  switch (err.code) {
    case "slack_webapi_platform_error":
      return platform(String(err.data?.error ?? "unknown"), w, err.data?.needed);
    case "slack_webapi_rate_limited_error":
      return pick("ratelimited", "transient", RATE_LIMITED, err.retryAfter);
    case "slack_webapi_http_error":
      return http(Number(err.statusCode));
    case "slack_webapi_request_error":
      return network(err.original);
  }
  return network(e);
}

interface ErrorShape {
  code?: string;
  data?: { error?: unknown; needed?: string };
  retryAfter?: number;
  statusCode?: number;
  original?: unknown;
}

function platform(code: string, w: string, needed?: string): Classified {
  const permanent = PERMANENT[code];
  if (permanent !== undefined) return pick(code, "permanent", permanent(w, needed ?? ""));
  const transient = TRANSIENT[code];
  if (transient !== undefined)
    return pick(code === "rate_limited" ? "ratelimited" : code, "transient", transient);
  // Any other refusal (invalid_blocks, no_text, msg_too_long, ...) is about our request: sending it again cannot help.
  return pick(code, "permanent", `Slack refused the message (${code}); this is a bug in offer-digest`);
}

function http(status: number): Classified {
  if (status === 429) return pick("ratelimited", "transient", RATE_LIMITED);
  if (status >= 500)
    return pick(`http_${status}`, "transient", `Slack answered HTTP ${status}; it will be tried again`);
  return pick(`http_${status}`, "permanent", `Slack answered HTTP ${status}; this is a bug in offer-digest`);
}

function network(e: unknown): Classified {
  const name = e instanceof Error ? e.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return pick("timeout", "transient", TIMEOUT);
  }
  const sysCode = (e as { code?: unknown } | null)?.code;
  // fetch fails with a TypeError; sockets with ECONNRESET, ECONNREFUSED, ...; undici with UND_ERR_*.
  if (e instanceof TypeError || (typeof sysCode === "string" && /^(E[A-Z]+|UND_ERR)/.test(sysCode))) {
    return pick("network", "transient", "Slack could not be reached; it will be tried again");
  }
  // Unknown failures are retried: pausing a subscription over a one-off is worse than one extra try.
  const text = e instanceof Error ? e.message : String(e);
  return pick(
    "unknown",
    "transient",
    `sending to Slack failed unexpectedly (${text}); it will be tried again`,
  );
}

function pick(code: string, kind: FailureKind, reason: string, retryAfterSeconds?: number): Classified {
  return retryAfterSeconds === undefined ? { kind, code, reason } : { kind, code, reason, retryAfterSeconds };
}

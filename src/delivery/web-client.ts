import { LogLevel, WebClient } from "@slack/web-api";

/**
 * The one way to build a Slack WebClient. The client's own retries are off on purpose: by default it
 * retries any non-200 10 times over ~30 minutes and, on a 429, pauses every call on the client
 * (NOTES.md "Web API client behaviour"). The delivery module retries per channel instead, so one
 * rate-limited channel never stalls the others, and a 429 fails at once with its Retry-After.
 */
export function createWebClient(opts: {
  token: string;
  slackApiUrl: string;
  timeoutMs?: number;
  /** Told each Web API call's method and HTTP status (for /metrics); the call itself is unchanged. */
  onCall?: (method: string, status: number) => void;
}): WebClient {
  const onCall = opts.onCall;
  return new WebClient(opts.token, {
    slackApiUrl: opts.slackApiUrl,
    ...(onCall ? { fetch: counted(opts.slackApiUrl, onCall) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // 10 s: Slack answers in well under a second; past that a call is treated as a transient failure.
    timeout: opts.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
  });
}

/** A fetch that reports the method (the URL's last path segment under the API base) and status. */
function counted(apiUrl: string, onCall: (method: string, status: number) => void): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = url.startsWith(apiUrl) ? url.slice(apiUrl.length).split(/[?/]/)[0] || "unknown" : "other";
    const res = await fetch(input, init);
    onCall(method, res.status);
    return res;
  };
}

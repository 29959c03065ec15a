import { LogLevel, WebClient } from "@slack/web-api";

/**
 * The one way to build a Slack WebClient. The client's own retries are off on purpose: by default it
 * retries any non-200 10 times over ~30 minutes and, on a 429, pauses every call on the client
 * (NOTES.md "Web API client behaviour"). The delivery module retries per channel instead, so one
 * rate-limited channel never stalls the others, and a 429 fails at once with its Retry-After.
 */
export function createWebClient(opts: { token: string; slackApiUrl: string; timeoutMs?: number }): WebClient {
  return new WebClient(opts.token, {
    slackApiUrl: opts.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // 10 s: Slack answers in well under a second; past that a call is treated as a transient failure.
    timeout: opts.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
  });
}

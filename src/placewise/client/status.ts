import { PlacewiseError } from "../errors.ts";

export const REPORT_PERMIT = "Reporting:Api:Report:OffersUsagesHistory";
export const QUERY_PERMIT = "Reporting:Api:Query";

/** The API's `{"error": "...", "details": {...}}`, or whatever text came back. */
function errorBody(text: string): { message: string; details?: unknown } {
  try {
    const json = JSON.parse(text) as { error?: unknown; details?: unknown };
    if (json && typeof json === "object" && typeof json.error === "string") {
      return json.details === undefined
        ? { message: json.error }
        : { message: json.error, details: json.details };
    }
  } catch {
    // Not JSON (a proxy's HTML page): keep a short piece of the text for the log.
  }
  return { message: text.trim().slice(0, 200) };
}

/** Seconds from a Retry-After header (seconds or HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - nowMs) / 1000);
}

/** Which permit a 403 is about: the API's message names it when it can, else both are listed. */
function missingPermit(apiMessage: string): string {
  if (apiMessage.includes(REPORT_PERMIT)) return REPORT_PERMIT;
  if (apiMessage.includes(QUERY_PERMIT)) return QUERY_PERMIT;
  return `${QUERY_PERMIT} and ${REPORT_PERMIT}`;
}

/** Turns a non-200 answer into the typed error a person can act on. */
export function errorForStatus(
  status: number,
  text: string,
  headers: Readonly<Record<string, string | undefined>>,
  nowMs: number,
): PlacewiseError {
  const { message, details } = errorBody(text);
  const base = { status, apiMessage: message, ...(details === undefined ? {} : { apiDetails: details }) };
  const said = message ? ` Placewise said: "${message}".` : "";
  switch (status) {
    case 401:
      return new PlacewiseError(
        "auth",
        `Placewise refused the client token (401).${said} Check PLACEWISE_CLIENT_TOKEN.`,
        base,
      );
    case 460:
      return new PlacewiseError(
        "auth",
        `Placewise refused the user token as invalid or expired (460).${said} Renew PLACEWISE_USER_TOKEN.`,
        base,
      );
    case 402:
      return new PlacewiseError(
        "permission",
        `Reporting is not enabled for this loyalty club (402).${said} Ask Placewise to enable the Reporting feature.`,
        base,
      );
    case 403:
      return new PlacewiseError(
        "permission",
        `The Placewise token lacks the permit ${missingPermit(message)} (403).${said} Ask an admin to grant it.`,
        base,
      );
    case 429: {
      const retryAfterSeconds = parseRetryAfter(headers["retry-after"], nowMs);
      const when = retryAfterSeconds === undefined ? "later" : `in ${Math.ceil(retryAfterSeconds)} s`;
      return new PlacewiseError(
        "rate_limited",
        `Placewise's rate limit for this club is used up (429). Try again ${when}.`,
        retryAfterSeconds === undefined ? base : { ...base, retryAfterSeconds },
      );
    }
    case 400:
    case 404:
    case 422:
    case 470:
    case 471: {
      const detail = details === undefined ? "" : ` Details: ${JSON.stringify(details)}.`;
      // 470/471 are about headers; the one a person controls is the club (X-Customer).
      const fix = /customer/i.test(message)
        ? " Set PLACEWISE_CUSTOMER (e.g. id=1000941) or name the club in the query (club=1000941)."
        : " Change the query, or report it as a bug in offer-digest.";
      return new PlacewiseError(
        "invalid_query",
        `Placewise rejected the query (${status}).${said}${detail}${fix}`,
        base,
      );
    }
    default: {
      const what = status === 503 ? "is down for maintenance" : `failed with status ${status}`;
      if (status >= 500) {
        return new PlacewiseError(
          "unavailable",
          `Placewise ${what}.${said} Try again in a few minutes.`,
          base,
        );
      }
      return new PlacewiseError(
        "bad_response",
        `Placewise answered with unexpected status ${status}.${said} Try again; if it persists, report it.`,
        base,
      );
    }
  }
}

/**
 * `/offers connect`: one small query (the last complete hour, one bucket, 3 tokens) with the
 * credentials a workspace typed, before they are saved. Success gives the club's zone as the API
 * reports it; failure gives the API's reason in a sentence (never the token).
 */
import { PlacewiseClient } from "./client/index.ts";
import { bucketStart } from "./grid.ts";
import type { Query } from "./query.ts";

export interface Credentials {
  readonly customer: string;
  readonly tokenKind: "user" | "client";
  readonly token: string;
}

/** `1000941`, `id=1000941`, `id=1_2` or `all=all`; anything else is refused before any request. */
export function normalizeCustomer(raw: string): string | null {
  const v = raw.trim();
  if (/^\d{1,12}$/.test(v)) return `id=${v}`;
  if (/^(all=all|id=\d{1,12}(_\d{1,12}){0,49})$/.test(v)) return v;
  return null;
}

export async function checkAccess(
  baseUrl: string,
  c: Credentials,
  now: number,
  deadlineMs = 8_000,
): Promise<{ ok: true; timezone: string | null } | { ok: false; problem: string }> {
  const client = new PlacewiseClient({
    baseUrl,
    userToken: c.tokenKind === "user" ? c.token : null,
    clientToken: c.tokenKind === "client" ? c.token : null,
    customer: c.customer,
    // One try: a person is waiting in the modal, and a refusal will not change on a retry.
    retry: { maxAttempts: 1 },
  });
  const hour = 3_600_000;
  const toMs = bucketStart(now, "1h", "UTC") - hour;
  const query: Query = {
    range: {
      fromMs: toMs - hour,
      toMs,
      timezone: "UTC",
      label: "connection check",
      kind: "rolling",
      previous: { fromMs: toMs - 2 * hour, toMs: toMs - hour },
    },
    interval: "1h",
    filters: [],
    aggregateBy: null,
    customer: null,
  };
  try {
    const result = await client.query(query, { deadlineMs });
    return { ok: true, timezone: result.rangeTimezone === "local" ? null : result.rangeTimezone };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const what =
      err.code === "auth"
        ? "Placewise refused the token"
        : err.code === "permission"
          ? "the token works but may not read reports"
          : err.code === "invalid_query"
            ? "Placewise refused the customer id"
            : "Placewise could not be reached";
    // An API that echoed the token back must not put it on a Slack screen or in a log.
    const said = (err.message ?? String(e)).split(c.token).join("***");
    return { ok: false, problem: `${what}: ${said}` };
  } finally {
    await client.close();
  }
}

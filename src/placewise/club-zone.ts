/**
 * The club's own time zone, as the API reports it (`range_timezone`), for the default customer.
 * Subscriptions and reports without `tz=` use it, so "daily 08:00" means 08:00 at the mall. One
 * small query at start-up (3 tokens); any failure leaves the caller on DEFAULT_TIMEZONE.
 */
import type { PlacewiseClient } from "./client/index.ts";
import { bucketStart } from "./grid.ts";
import type { Query } from "./query.ts";

export async function probeClubTimezone(
  client: PlacewiseClient,
  now: number,
  deadlineMs = 5_000,
): Promise<string | null> {
  const toMs = bucketStart(now, "1h", "UTC");
  const hour = 3_600_000;
  const query: Query = {
    range: {
      fromMs: toMs - hour,
      toMs,
      timezone: "UTC",
      label: "probe",
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
    // "local": the default customer spans clubs in several zones; no single zone to default to.
    return result.rangeTimezone === "local" ? null : result.rangeTimezone;
  } catch {
    return null;
  }
}

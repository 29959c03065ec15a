import { DateTime } from "luxon";
import type { Aggregation, Interval } from "../../../src/placewise/fields.ts";
import type { Filter, Query } from "../../../src/placewise/query.ts";

/** A Query built directly (the word parser is tested on its own); times are local ISO in `zone`. */
export function makeQuery(o: {
  from: string;
  to: string;
  interval: Interval;
  zone?: string;
  filters?: Filter[];
  aggregateBy?: Aggregation | null;
  customer?: string | null;
}): Query {
  const zone = o.zone ?? "Europe/Oslo";
  const fromMs = DateTime.fromISO(o.from, { zone }).toMillis();
  const toMs = DateTime.fromISO(o.to, { zone }).toMillis();
  return {
    range: {
      fromMs,
      toMs,
      timezone: zone,
      label: `${o.from} to ${o.to}`,
      kind: "absolute",
      previous: { fromMs: fromMs - (toMs - fromMs), toMs: fromMs },
    },
    interval: o.interval,
    filters: o.filters ?? [],
    aggregateBy: o.aggregateBy ?? null,
    customer: o.customer ?? null,
  };
}

export const ms = (iso: string, zone = "Europe/Oslo"): number => DateTime.fromISO(iso, { zone }).toMillis();

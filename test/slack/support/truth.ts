/**
 * What the numbers in a digest should be, from the simulator's event log rather than from the bot:
 * the query words are resolved at the harness clock and the simulator counts usages directly.
 */

import { SIM_CLUBS } from "../../../src/local/placewise-simulator/index.ts";
import type { Filter, Query } from "../../../src/placewise/query.ts";
import { parseQuery } from "../../../src/placewise/words.ts";
import { simulatorTotal } from "../../support/placewise-truth.ts";
import type { AppHarness } from "./harness.ts";

export interface Truth {
  query: Query;
  total: number;
  previous: number;
}

export function truthFor(h: AppHarness, words: string, extra: readonly Filter[] = []): Truth {
  const sim = h.runtime.placewise.simulator;
  if (sim === null) throw new Error("the runtime is not using the built-in simulator");
  const now = h.runtime.deps.clock.now();
  const query = parseQuery(words, { now, defaultTimezone: h.runtime.deps.defaultTimezone });
  // The runtime asks as the first simulated club when no PLACEWISE_CUSTOMER is set (src/placewise/source.ts).
  const club = SIM_CLUBS[0]?.id as number;
  const filters = [...query.filters, ...extra];
  const { fromMs, toMs, previous } = query.range;
  return {
    query,
    total: simulatorTotal(sim, club, fromMs, toMs, filters),
    previous: simulatorTotal(sim, club, previous.fromMs, previous.toMs, filters),
  };
}

/** "9,676" → 9676; digits with any thousands separator. */
export function digits(s: string): number {
  return Number(s.replace(/[^\d]/g, ""));
}

/** The change as the digest should round it: one decimal under 10 %, whole above. */
export function changePercent(total: number, previous: number): string {
  const p = Math.abs(((total - previous) / previous) * 100);
  const one = Math.round(p * 10) / 10;
  return one < 10 ? one.toFixed(1) : String(Math.round(p));
}

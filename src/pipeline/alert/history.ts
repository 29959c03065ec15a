/**
 * A rule's history as one series per label: `by=member_gender` gives a female, a male, an other and
 * an unknown series, each judged on its own; without `by=` there is one series under the label ''.
 * Fetched through the PlacewiseClient, whose cache holds every completed bucket, so an hourly rule
 * costs one request per evaluation after its first (8 weeks hourly is ~10 requests once).
 */
import type { SeriesInput } from "../../alerts/series.ts";
import type { PlacewiseClient } from "../../placewise/client/index.ts";
import type { Aggregation } from "../../placewise/fields.ts";
import type { GridSeries } from "../../placewise/query.ts";
import { labelInWords } from "../../report/labels.ts";
import { gridOf, sumByPosition } from "../../report/series.ts";
import { type AlertPlan, historyQuery } from "./plan.ts";

export interface LabelSeries extends SeriesInput {
  /** Stored with the alert state: the label's raw value ('' without `by=`, 'null' for unknown). */
  readonly key: string;
  /** For people: "women", "authorized", "unknown"; '' without `by=`. */
  readonly name: string;
}

export interface History {
  readonly times: readonly number[];
  readonly labels: readonly LabelSeries[];
  readonly requests: number;
}

export function labelKeyOf(by: Aggregation | null, label: GridSeries["label"]): string {
  if (by === null) return "";
  const v = label[by];
  return v === null || v === undefined ? "null" : String(v);
}

export function labelName(by: Aggregation | null, key: string): string {
  if (by === null) return "";
  return labelInWords(by, key === "null" ? null : key);
}

/**
 * Every label's series over [fromMs, toMs). `known` are labels that have a stored state: a label
 * that vanished from the answer (no usage at all, e.g. an outage) is still judged, as zeros.
 */
export async function fetchHistory(
  client: PlacewiseClient,
  plan: AlertPlan,
  fromMs: number,
  toMs: number,
  known: readonly string[] = [],
  signal?: AbortSignal,
): Promise<History> {
  const result = await client.query(historyQuery(plan, fromMs, toMs), signal ? { signal } : {});
  const by = plan.words.aggregateBy;
  const { times } = gridOf(result);
  const groups = new Map<string, GridSeries[]>();
  for (const s of result.series) {
    const key = labelKeyOf(by, s.label);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  if (by === null && !groups.has("")) groups.set("", []);
  for (const key of known) if (!groups.has(key)) groups.set(key, []);
  const labels = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, series]) => ({
      key,
      name: labelName(by, key),
      times,
      values: sumByPosition(series, times.length),
    }));
  return { times, labels, requests: result.cost.requests };
}

/**
 * The series from its first usage on. Before a club launched (or an offer type existed) the API
 * answers zeros, and eight weeks of zeros would teach the anomaly detector that any usage is news.
 * Returns the cut series and how many leading buckets were dropped.
 */
export function fromFirstUsage(s: SeriesInput): { series: SeriesInput; dropped: number } {
  const first = s.values.findIndex((v) => v > 0);
  const dropped = first === -1 ? s.values.length : first;
  if (dropped === 0) return { series: s, dropped };
  return { series: { times: s.times.slice(dropped), values: s.values.slice(dropped) }, dropped };
}

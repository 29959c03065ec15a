import { EN, type Messages } from "../i18n/index.ts";
import type { Aggregation } from "../placewise/fields.ts";
import type { GridSeries } from "../placewise/query.ts";
import { aggregationInWords, labelInWords } from "./labels.ts";
import { sum, sumByPosition } from "./series.ts";
import type { Breakdown, NamedSeries } from "./types.ts";

/** Rows shown by name; the rest fold into "other". Five keeps a legend readable in a Slack preview. */
export const TOP_LABELS = 5;

interface Group {
  readonly name: string;
  readonly values: number[];
  readonly total: number;
}

/**
 * Series grouped by the aggregation's label value. In local time every club answers with its own
 * series per label, so several series can carry "female"; they are one row here.
 */
function groups(series: readonly GridSeries[], by: Aggregation, length: number, m: Messages): Group[] {
  const members = new Map<string, GridSeries[]>();
  for (const s of series) {
    const name = labelInWords(by, s.label[by], m);
    const list = members.get(name) ?? [];
    list.push(s);
    members.set(name, list);
  }
  const out: Group[] = [];
  for (const [name, list] of members) {
    const values = sumByPosition(list, length);
    out.push({ name, values, total: sum(values) });
  }
  // Largest first; equal totals by name, so the order never depends on the API's series order.
  return out.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

function addInto(target: number[], values: readonly number[]): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (values[i] ?? 0);
}

/**
 * Each label's total and share, top 5 plus "other". With exactly 6 labels all are shown: an "other"
 * standing for a single label would hide its name and save nothing.
 */
export function buildBreakdown(
  series: readonly GridSeries[],
  by: Aggregation,
  length: number,
  m: Messages = EN,
): { breakdown: Breakdown; series: NamedSeries[] } {
  const all = groups(series, by, length, m);
  const grand = all.reduce((acc, g) => acc + g.total, 0);
  const share = (total: number) => (grand === 0 ? 0 : total / grand);
  const shown = all.length <= TOP_LABELS + 1 ? all : all.slice(0, TOP_LABELS);
  const rest = all.slice(shown.length);

  const items = shown.map((g) => ({
    name: g.name,
    total: g.total,
    share: share(g.total),
    other: false,
    labels: 1,
  }));
  const named: NamedSeries[] = shown.map((g) => ({ name: g.name, values: g.values }));
  if (rest.length > 0) {
    const values = new Array<number>(length).fill(0);
    for (const g of rest) addInto(values, g.values);
    const total = sum(values);
    const name = m.t("label.other", { n: rest.length });
    items.push({ name, total, share: share(total), other: true, labels: rest.length });
    named.push({ name, values });
  }
  return {
    breakdown: { by, byWords: aggregationInWords(by, m), items, labelCount: all.length },
    series: named,
  };
}

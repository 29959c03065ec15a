/** Query words back into text a person can paste: how a refusal spells the query it suggests. */
import type { RangeSpec } from "./range.ts";
import type { QueryWords } from "./words.ts";

const UNIT: Record<Extract<RangeSpec, { kind: "rolling" }>["unit"], string> = {
  minutes: "m",
  hours: "h",
  days: "d",
  weeks: "w",
};

export function rangeText(spec: RangeSpec): string {
  if (spec.kind === "rolling") return `last ${spec.amount}${UNIT[spec.unit]}`;
  if (spec.kind === "calendar") return spec.which.replace("_", " ");
  return spec.to === null ? `since ${spec.from}` : `from ${spec.from} to ${spec.to}`;
}

/** `last 180d interval=1d by=member_gender offer_type=birthday,welcome club=1000941`. */
export function queryWordsText(w: QueryWords): string {
  const parts: string[] = [];
  if (w.range !== null) parts.push(rangeText(w.range));
  if (w.interval !== null) parts.push(`interval=${w.interval}`);
  if (w.aggregateBy !== null) parts.push(`by=${w.aggregateBy}`);
  if (w.timezone !== null) parts.push(`tz=${w.timezone}`);
  if (w.customer !== null)
    parts.push(
      `club=${w.customer === "all=all" ? "all" : w.customer.replace(/^id=/, "").replaceAll("_", ",")}`,
    );
  for (const f of w.filters)
    parts.push(`${f.field}=${f.values.map((v) => (v === null ? "none" : String(v))).join(",")}`);
  if (w.lang !== undefined && w.lang !== null) parts.push(`lang=${w.lang}`);
  return parts.join(" ");
}

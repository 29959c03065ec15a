/**
 * Numbers, changes and periods as the digest writes them. One choice everywhere: thousands are
 * separated by a comma ("12,345"), which the contract accepts and every Slack client shows alike
 * (a thin space vanishes in some fonts and breaks copy-paste into spreadsheets).
 */
import type { Change } from "../src/report/types.ts";

export { clubsInWords, filtersInWords } from "../src/report/filters.ts";
export { localDateTime, rangeInWords } from "../src/report/when.ts";

const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** A count with thousands separated: 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return GROUPED.format(Math.round(n));
}

/** An average: one decimal under 10 ("2.5"), whole numbers above ("1,234"), so small rates keep meaning. */
export function formatAverage(n: number): string {
  const one = Math.round(n * 10) / 10;
  return Math.abs(one) < 10 ? one.toFixed(1) : formatCount(n);
}

/**
 * A percentage without its sign: one decimal under 10 % ("3.4%"), whole above ("12%"). Rounding
 * happens first, so 9.96 reads "10%", not "10.0%".
 */
export function formatPercent(p: number): string {
  const abs = Math.abs(p);
  const one = Math.round(abs * 10) / 10;
  return one < 10 ? `${one.toFixed(1)}%` : `${GROUPED.format(Math.round(abs))}%`;
}

/** A share 0..1 as a percentage: 0.4862 → "49%", 0.034 → "3.4%". */
export function formatShare(share: number): string {
  return formatPercent(share * 100);
}

/** "▲ +12%", "▼ -3.4%", "→ 0.0%", or "▲ new" when there was nothing before. */
export function formatChange(change: Change): string {
  switch (change.direction) {
    case "new":
      return "▲ new";
    case "flat":
      return `→ ${formatPercent(0)}`;
    case "up":
      return `▲ +${formatPercent(change.percent ?? 0)}`;
    case "down":
      return `▼ -${formatPercent(change.percent ?? 0)}`;
  }
}

/** A bar of up to `width` blocks for a share, so the breakdown reads at a glance in plain text. */
export function shareBar(share: number, width = 10): string {
  const n = Math.round(Math.max(0, Math.min(1, share)) * width);
  return "█".repeat(n) + "░".repeat(width - n);
}

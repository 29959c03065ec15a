/**
 * Numbers, changes and periods as the digest writes them. In English thousands are separated by a
 * comma ("12,345"), which the contract accepts and every Slack client shows alike (a thin space
 * vanishes in some fonts and breaks copy-paste into spreadsheets); the other languages follow their
 * locale as Intl writes it ("12 345" with a no-break space in nb/sv/fi, "12.345" in da).
 */
import { EN, type Messages } from "../src/i18n/index.ts";
import type { Change } from "../src/report/types.ts";

export { clubsInWords, filtersInWords } from "../src/report/filters.ts";
export { localDateTime, rangeInWords } from "../src/report/when.ts";

/** A count with thousands separated: 1234567 → "1,234,567". */
export function formatCount(n: number, m: Messages = EN): string {
  return m.count(n);
}

/** An average: one decimal under 10 ("2.5"), whole numbers above ("1,234"), so small rates keep meaning. */
export function formatAverage(n: number, m: Messages = EN): string {
  const one = Math.round(n * 10) / 10;
  return Math.abs(one) < 10 ? m.decimal1(one) : formatCount(n, m);
}

/**
 * A percentage without its sign: one decimal under 10 % ("3.4%"), whole above ("12%"). Rounding
 * happens first, so 9.96 reads "10%", not "10.0%".
 */
export function formatPercent(p: number, m: Messages = EN): string {
  const abs = Math.abs(p);
  const one = Math.round(abs * 10) / 10;
  return one < 10 ? m.percent(one, 1) : m.percent(Math.round(abs), 0);
}

/** A share 0..1 as a percentage: 0.4862 → "49%", 0.034 → "3.4%". */
export function formatShare(share: number, m: Messages = EN): string {
  return formatPercent(share * 100, m);
}

/** "▲ +12%", "▼ -3.4%", "→ 0.0%", or "▲ new" when there was nothing before. */
export function formatChange(change: Change, m: Messages = EN): string {
  switch (change.direction) {
    case "new":
      return m.t("change.new");
    case "flat":
      return `→ ${formatPercent(0, m)}`;
    case "up":
      return `▲ +${formatPercent(change.percent ?? 0, m)}`;
    case "down":
      return `▼ -${formatPercent(change.percent ?? 0, m)}`;
  }
}

/** A bar of up to `width` blocks for a share, so the breakdown reads at a glance in plain text. */
export function shareBar(share: number, width = 10): string {
  const n = Math.round(Math.max(0, Math.min(1, share)) * width);
  return "█".repeat(n) + "░".repeat(width - n);
}

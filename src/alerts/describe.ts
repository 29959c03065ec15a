/**
 * An AlertRule in words, for confirmations, `/offers list` and alert messages. English is each
 * detector's own describe() (the backtest CLI prints it too); the other languages read the catalogue
 * (`rule.*`), and a kind the catalogue does not know yet is said in English rather than not at all.
 */
import { DateTime } from "luxon";
import { EN, type Messages, type PlainMessageKey } from "../i18n/index.ts";
import type { Interval } from "../placewise/fields.ts";
import { DETECTORS } from "./detectors/registry.ts";
import type { AlertRule } from "./rule.ts";

const PER: Record<Interval, string> = {
  "5m": "5 minutes",
  "1h": "hour",
  "1d": "day",
  "1w": "week",
  "1mo": "month",
};
const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** `[1..6]` → "Mon–Sat", `[1,3,5]` → "Mon, Wed, Fri" (ISO weekdays; "man.–lør." in Norwegian). */
export function describeDays(days: readonly number[], m: Messages = EN): string {
  const sorted = [...days].sort((a, b) => a - b);
  const consecutive = sorted.every((d, i) => i === 0 || d === (sorted[i - 1] as number) + 1);
  const name = (d: number) =>
    m.lang === "en"
      ? (DAY_NAMES[d - 1] as string)
      : DateTime.fromObject({ weekday: d as 1 }, { zone: "UTC" })
          .setLocale(m.dateLocale)
          .toFormat("ccc");
  if (sorted.length === 7) return m.t("sched.everyDay");
  if (consecutive && sorted.length > 2)
    return `${name(sorted[0] as number)}–${name(sorted[sorted.length - 1] as number)}`;
  return sorted.map(name).join(", ");
}

function duration(ms: number): string {
  const h = ms / 3_600_000;
  if (h >= 24 && Number.isInteger(h / 24)) return `${h / 24} d`;
  if (h >= 1 && Number.isInteger(h)) return `${h} h`;
  return `${Math.round(ms / 60_000)} min`;
}

/** The condition in `m`'s language (not English): "under 5 bruk per time". */
function conditionInWords(rule: AlertRule, per: string, m: Messages): string | null {
  const percent = (p: number | null) => m.percent(p ?? 0, Number.isInteger(p ?? 0) ? 0 : 1);
  const vs = m.t(rule.versus === "last_week" ? "rule.vsLastWeek" : "rule.vsPrevious");
  switch (rule.kind) {
    case "below":
    case "above":
      return m.t(rule.kind === "below" ? "rule.below" : "rule.above", { n: m.count(rule.value ?? 0), per });
    case "drop":
    case "rise":
      return m.t(rule.kind === "drop" ? "rule.drop" : "rule.rise", {
        per,
        percent: percent(rule.percent),
        vs,
      });
    case "anomaly":
      return m.t("rule.anomaly", {
        per,
        side: m.t(`rule.side.${rule.direction}` as PlainMessageKey),
        sensitivity: m.t(`rule.sens.${rule.sensitivity}` as PlainMessageKey),
      });
    default:
      return null;
  }
}

/** A minute of the day in the language's clock: 600 → "10:00" ("10.00" in Finnish and Danish). */
function clockIn(minutes: number, m: Messages): string {
  if (m.lang === "en") return clock(minutes);
  const t = DateTime.fromObject(
    { hour: Math.floor(minutes / 60) % 24, minute: minutes % 60 },
    { zone: "UTC" },
  );
  return t.toFormat(m.t("fmt.time"));
}

/** "fewer than 5 usages per hour for 1 bucket, 10:00–21:00 Mon–Sat" */
export function describeRule(rule: AlertRule, m: Messages = EN): string {
  const english = m.lang === "en";
  const per =
    rule.interval === null
      ? english
        ? "per bucket"
        : m.t("rule.perBucket")
      : english
        ? `per ${PER[rule.interval]}`
        : m.t(`per.${rule.interval}`);
  const what = (english ? null : conditionInWords(rule, per, m)) ?? DETECTORS[rule.kind].describe(rule, per);
  const parts = [
    english
      ? `${what} for ${rule.for} ${rule.for === 1 ? "bucket" : "buckets in a row"}`
      : rule.for === 1
        ? m.t("rule.for1", { what })
        : m.t("rule.forN", { what, n: rule.for }),
  ];
  const when: string[] = [];
  if (rule.hours !== null) when.push(`${clockIn(rule.hours.from, m)}–${clockIn(rule.hours.to, m)}`);
  if (rule.days !== null) when.push(describeDays(rule.days, m));
  if (when.length > 0) parts.push(when.join(" "));
  return parts.join(", ");
}

/** The quiet-time settings, for a details line: "cooldown 4 h, reminder every 24 h". */
export function describeTiming(rule: AlertRule): string {
  const reminder = rule.renotifyMs > 0 ? `reminder every ${duration(rule.renotifyMs)}` : "no reminders";
  return `cooldown ${duration(rule.cooldownMs)}, ${reminder}`;
}

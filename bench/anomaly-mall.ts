/**
 * Mall series of 2, 8, 30, 90 and 200 usages an open hour (bench/mall-series.ts, mix "issue":
 * outages of 2–6 h, 3× spikes of 1–3 h, days at -50 %, Saturdays missing their peak), 8 seeds ×
 * 12 weeks each, incidents from week 4. Our rule against an ORACLE: the same scan and threshold fed
 * the generator's true expected rate (no estimation error, no day-to-day noise left). What the oracle
 * misses, no detector at that false-alarm budget can catch; ours is reported as a fraction of it.
 */
import type { AnomalyOptions } from "../src/alerts/detectors/anomaly.ts";
import { SCAN_DEFAULTS } from "../src/alerts/detectors/anomaly-memo.ts";
import type { AlertRule } from "../src/alerts/rule.ts";
import { alertsWith, oracleModel } from "./anomaly-run.ts";
import { type IncidentKind, type MallSeries, mallSeries } from "./mall-series.ts";
import type { BenchResult } from "./types.ts";

/**
 * The benchmark's mall series of `size` usages an open hour for a seed; `clean`: no incidents;
 * `weeks` longer for the level's restarts (bench/anomaly-level-restarts.ts).
 */
export function benchMall(size: number, seed: number, clean = false, weeks = 12): MallSeries {
  return mallSeries({
    seed: seed * 101 + size,
    weeks,
    perOpenHour: size,
    mix: "issue",
    ...(clean ? { incidentsFromWeek: null } : {}),
  });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
export const SIZES = [2, 8, 30, 90, 200] as const;
export const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const KINDS: IncidentKind[] = ["outage", "spike", "half_day", "missed_peak"];
/** An incident is caught by an alert inside it or within 6 h after it (a -50 % day's evening). */
const CATCH_AFTER = 6 * HOUR;
/** Alerts this soon after an incident are about it (its recovery), not false. */
const EXCUSED_AFTER = DAY;

interface Tally {
  caught: Record<IncidentKind, number>;
  total: Record<IncidentKind, number>;
  falseAlerts: number;
  weeks: number;
}

const zero = (): Record<IncidentKind, number> => ({ outage: 0, spike: 0, half_day: 0, missed_peak: 0 });

function tally(s: MallSeries, alerts: number[], t: Tally, caughtIds: Set<number> | null): Set<number> {
  const ids = new Set<number>();
  s.incidents.forEach((x, id) => {
    t.total[x.kind]++;
    if (alerts.some((a) => a >= x.start && a < x.end + CATCH_AFTER)) {
      t.caught[x.kind]++;
      ids.add(id);
    }
  });
  void caughtIds;
  t.falseAlerts += alerts.filter(
    (a) => !s.incidents.some((x) => a >= x.start && a < x.end + EXCUSED_AFTER),
  ).length;
  // Judging starts after the first week of learning.
  t.weeks += (s.times.length * s.stepMs) / WEEK - 1;
  return ids;
}

const pct = (a: number, b: number) => (b === 0 ? "-" : `${Math.round((100 * a) / b)} %`);

export function mallPart(
  rule: AlertRule,
  options: AnomalyOptions = SCAN_DEFAULTS,
  seeds: readonly number[] = SEEDS,
): {
  rows: string[];
  results: BenchResult[];
  worstRatio: number;
  fpWeek: number;
} {
  const rows: string[] = [];
  const results: BenchResult[] = [];
  let worstRatio = Number.POSITIVE_INFINITY;
  let allFalse = 0;
  let allWeeks = 0;
  for (const size of SIZES) {
    const ours: Tally = { caught: zero(), total: zero(), falseAlerts: 0, weeks: 0 };
    const oracle: Tally = { caught: zero(), total: zero(), falseAlerts: 0, weeks: 0 };
    let both = 0;
    let oracleOnly = 0;
    for (const seed of seeds) {
      const s = benchMall(size, seed);
      const a = alertsWith(rule, s, s.tz, s.stepMs, options);
      const o = alertsWith(rule, s, s.tz, s.stepMs, { ...options, model: oracleModel(s.rates ?? []) });
      const ca = tally(s, a, ours, null);
      const co = tally(s, o, oracle, null);
      for (const id of co)
        if (ca.has(id)) both++;
        else oracleOnly++;
    }
    const sum = (r: Record<IncidentKind, number>) => KINDS.reduce((x, k) => x + r[k], 0);
    const ratio = sum(ours.caught) / Math.max(1, sum(oracle.caught));
    worstRatio = Math.min(worstRatio, ratio);
    allFalse += ours.falseAlerts;
    allWeeks += ours.weeks;
    const cells = KINDS.map((k) => `${ours.caught[k]} / ${oracle.caught[k]} / ${ours.total[k]}`);
    rows.push(
      `| ${size} | ${cells.join(" | ")} | **${sum(ours.caught)} / ${sum(oracle.caught)} (${pct(sum(ours.caught), sum(oracle.caught))})** | ${both} / ${oracleOnly} | ${(ours.falseAlerts / ours.weeks).toFixed(2)} | ${(oracle.falseAlerts / oracle.weeks).toFixed(2)} |`,
    );
    const name = (what: string) => `anomaly.mall.${size}_per_hour.${what}`;
    results.push(
      {
        name: name("caught_vs_oracle"),
        unit: "ratio",
        value: Number(ratio.toFixed(3)),
        caught: sum(ours.caught),
        oracleCaught: sum(oracle.caught),
        incidents: sum(ours.total),
        byKind: Object.fromEntries(
          KINDS.map((k) => [k, { ours: ours.caught[k], oracle: oracle.caught[k], of: ours.total[k] }]),
        ),
        target: 0.9,
        pass: ratio >= 0.9,
      },
      {
        name: name("false_alerts_per_week"),
        unit: "count",
        value: Number((ours.falseAlerts / ours.weeks).toFixed(3)),
        baseline: Number((oracle.falseAlerts / oracle.weeks).toFixed(3)),
        target: 0.25,
        pass: ours.falseAlerts / ours.weeks <= 0.25,
      },
    );
  }
  return { rows, results, worstRatio, fpWeek: allFalse / allWeeks };
}

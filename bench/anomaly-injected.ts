/**
 * Injected incidents of known truth, backtested with the same rule as the NAB part:
 *  - the simulator (src/local/placewise-simulator, `incidents` option, built-in events off): hourly club
 *    totals of two clubs (Oslo ~1400 a weekday, Helsinki ~700), the target set;
 *  - the same simulator, one offer type of the Helsinki club (5-10 usages an open hour): small
 *    counts, where a 2 h outage is not always distinguishable from a quiet spell;
 *  - a noisier mall (bench/mall-series.ts: peak 30 an hour, ±8 % day-to-day level, closed Sunday).
 */

import { backtestRun } from "../src/alerts/backtest.ts";
import type { AlertRule } from "../src/alerts/rule.ts";
import type { MallSeries } from "./mall-series.ts";
import { mallSeries } from "./mall-series.ts";
import { naiveAlerts } from "./naive-detector.ts";
import { simSeries } from "./sim-series.ts";
import type { BenchResult } from "./types.ts";

const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;

interface Stats {
  outages: number;
  outagesWithin2: number;
  spikes: number;
  spikesCaught: number;
  halfDays: number;
  halfDaysCaught: number;
  falseAlerts: number;
  weeks: number;
}

const empty = (): Stats => ({
  outages: 0,
  outagesWithin2: 0,
  spikes: 0,
  spikesCaught: 0,
  halfDays: 0,
  halfDaysCaught: 0,
  falseAlerts: 0,
  weeks: 0,
});

/**
 * An outage counts when an alert names its first or second bucket; a spike or -50 % day when any
 * alert falls in it or in the day after (recovery); every other alert is false.
 */
function score(series: MallSeries, alerts: number[], s: Stats): void {
  for (const x of series.incidents) {
    const caught = alerts.some((t) => t >= x.start && t < x.end + DAY);
    if (x.kind === "outage") {
      s.outages++;
      if (alerts.some((t) => t >= x.start && t < x.start + 2 * series.stepMs)) s.outagesWithin2++;
    } else if (x.kind === "spike") {
      s.spikes++;
      if (caught) s.spikesCaught++;
    } else {
      s.halfDays++;
      if (caught) s.halfDaysCaught++;
    }
  }
  s.falseAlerts += alerts.filter(
    (t) => !series.incidents.some((x) => t >= x.start && t < x.end + DAY),
  ).length;
  // The first week only learns; judging starts after it.
  s.weeks += (series.times.length * series.stepMs) / WEEK - 1;
}

interface DataSet {
  readonly id: string;
  readonly label: string;
  readonly series: () => MallSeries[];
  /** Part of the targets (90 % of outages within 2 buckets, ≤ 1 false alert a week). */
  readonly target: boolean;
}

const SEEDS = [1, 2, 3, 4];
const DATA_SETS: DataSet[] = [
  {
    id: "simulator",
    label: "simulator, club totals (2 clubs × 4 seeds)",
    series: () =>
      [1000941, 1000942].flatMap((clubId) => SEEDS.map((seed) => simSeries({ seed, clubId, weeks: 12 }))),
    target: true,
  },
  {
    id: "simulator_small",
    label: "simulator, one offer type (4 seeds)",
    series: () =>
      SEEDS.map((seed) =>
        simSeries({
          seed,
          clubId: 1000942,
          weeks: 12,
          filters: [{ field: "offer_type", values: ["birthday"] }],
        }),
      ),
    target: false,
  },
  {
    id: "noisy_mall",
    label: "noisy mall, mall-series.ts (8 seeds)",
    series: () => [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => mallSeries({ seed, weeks: 12 })),
    target: false,
  },
];

const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "-");
const pct = (a: number, b: number) => `${a}/${b} (${Math.round((100 * a) / Math.max(b, 1))} %)`;
const row = (label: string, s: Stats) =>
  `| ${label} | ${pct(s.outagesWithin2, s.outages)} | ${pct(s.spikesCaught, s.spikes)} | ${pct(s.halfDaysCaught, s.halfDays)} | ${s.falseAlerts} (${fmt(s.falseAlerts / s.weeks)}/week) |`;

export function injectedPart(rule: AlertRule): { rows: string[]; results: BenchResult[] } {
  const rows: string[] = [];
  const results: BenchResult[] = [];
  for (const set of DATA_SETS) {
    const ours = empty();
    const naive = empty();
    for (const series of set.series()) {
      const run = backtestRun(rule, series, series.tz, series.stepMs);
      score(
        series,
        run.alerts.map((a) => a.at),
        ours,
      );
      score(series, naiveAlerts(series, series.stepMs, rule), naive);
    }
    rows.push(
      row(`${set.label}: default \`anomaly\``, ours),
      row(`${set.label}: naive 7-day mean ± 3 sd`, naive),
    );
    const recall = ours.outagesWithin2 / ours.outages;
    const fpWeek = ours.falseAlerts / ours.weeks;
    const name = (what: string) => `anomaly.injected.${set.id}.${what}`;
    results.push(
      {
        name: name("outage_recall_2_buckets"),
        unit: "ratio",
        value: Number(recall.toFixed(3)),
        baseline: Number((naive.outagesWithin2 / naive.outages).toFixed(3)),
        ...(set.target ? { target: 0.9, pass: recall >= 0.9 } : {}),
      },
      {
        name: name("false_alerts_per_week"),
        unit: "count",
        value: Number(fpWeek.toFixed(3)),
        baseline: Number((naive.falseAlerts / naive.weeks).toFixed(3)),
        ...(set.target ? { target: 1, pass: fpWeek <= 1 } : {}),
      },
      {
        name: name("spike_recall"),
        unit: "ratio",
        value: Number((ours.spikesCaught / ours.spikes).toFixed(3)),
      },
      {
        name: name("half_day_recall"),
        unit: "ratio",
        value: Number((ours.halfDaysCaught / ours.halfDays).toFixed(3)),
      },
    );
  }
  return { rows, results };
}

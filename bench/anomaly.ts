/**
 * The default `anomaly` rule, measured three ways (each against a baseline in the same run):
 *  1. mall series of 2-200 usages an open hour with injected incidents, against an ORACLE (the same
 *     test fed the generator's true rate) (bench/anomaly-mall.ts);
 *  2. NAB (bench/data/nab, shipped with its MIT licence), leave-one-file-out cross-validation over a
 *     small grid, in-sample beside out-of-sample, and the cost of `backtest` on 16,000 rows
 *     (bench/anomaly-nab.ts);
 *  3. the simulator's club totals with injected incidents (bench/anomaly-injected.ts).
 * One configuration for every series: nothing is tuned per file.
 */
import type { AlertRule } from "../src/alerts/rule.ts";
import { parseRule } from "../src/alerts/rules.ts";
import { injectedPart } from "./anomaly-injected.ts";
import { mallPart } from "./anomaly-mall.ts";
import { nabPart } from "./anomaly-nab.ts";
import type { Benchmark, BenchSection } from "./types.ts";

async function run(): Promise<BenchSection> {
  const rule: AlertRule = parseRule("anomaly").rule;
  const mall = mallPart(rule);
  const nab = await nabPart();
  const injected = injectedPart(rule);
  const markdown = [
    "### Mall series against an oracle",
    "",
    "Default rule `anomaly` (medium: a budget of 0.25 false alerts a week), run online bucket by bucket through the",
    'alert state machine as `backtest` runs it. `bench/mall-series.ts`, mix "issue": 12 weeks hourly from Monday',
    "2026-08-03 (across the DST change), Mon–Fri 10–21, Sat 10–18 (1.4× a Monday), closed Sunday, ±8 % day level,",
    "8 seeds per size; from week 4: 5 outages of 2–6 h, 4 spikes of 3× for 1–3 h, 3 days at -50 %, 2 Saturdays whose",
    "12–16 peak stays at a weekday's level (×0.6). The ORACLE is the same scan, threshold and state machine fed the",
    "generator's true expected rate (Poisson, nothing to estimate). Cells: ours / oracle / injected. An incident is",
    "caught by an alert inside it or within 6 h after; an alert more than a day after every incident is false.",
    "The oracle's rate includes each day's ±8 % level, which no detector can know before the day is over: at 8 an",
    "hour a missed Saturday peak (about 55 expected in 4 h, 40 % short) is 2.5 sd out once that level is unknown,",
    "under the ~3.2 sd the medium budget needs, while the oracle sees 3 sd. At 2 an hour (about 22 usages a day) the",
    "gap is our estimate of each day's total: off by 19 % (sd; 16 % on the same series without incidents), where the",
    "generator's own day-to-day noise is 8 %: a weekday × hour fit over 3-8 weeks and a level from up to 28 days, each",
    "resting on a few hundred Poisson counts. Incidents the detector missed pulled it about 5 % low; the level now",
    "leaves out low windows that came near the threshold (quiet-sums.ts, markSuspect): 1 % high, 73 of the",
    "oracle's 86 caught instead of 70 (seeds 100-111); fed the true rate, our scan catches 150 of the oracle's 167",
    "(bench/anomaly-mall-diagnose.ts). Every setting of the detector was chosen on seeds 100-123",
    "(bench/anomaly-mall-try.ts); the seeds scored here were never used to choose.",
    "",
    "| usages an open hour | outages | spikes | -50 % days | missed Saturday peaks | all: ours / oracle | both caught / oracle only | false alerts a week (ours) | (oracle) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...mall.rows,
    "",
    `Worst size: ${(mall.worstRatio * 100).toFixed(0)} % of the oracle's catches; false alerts over all sizes ${mall.fpWeek.toFixed(2)} a week.`,
    "",
    "### NAB, leave one file out",
    "",
    "Each file scored with the configuration that scores best (summed NAB standard-profile score) on the other three;",
    "the grid: the sensitivity alone (budget 0.05 / 0.25 / 1 false alerts a week); the past gate (high side), φ from",
    "quiet window sums and the 24 h hold-off are the shipped defaults, fixed on the held-out mall seeds and on an",
    "earlier 36-configuration grid (bench/anomaly-nab.ts, GRID, says why); longest window 48 h. Timestamps as UTC",
    "wall time. The naive baseline: mean ± 3 sd of the last 7 days.",
    "",
    ...nab.markdown,
    "",
    "### Simulator",
    "",
    "Injected incidents: 12 weeks of hourly counts per series (from Monday 2026-08-03, across the 2026-10-25 DST",
    "change), each with 10 outages (2–6 h of zero in opening hours), 4 spikes (3 h at 3×) and 4 days at -50 %, from",
    "week 4 on. Simulator: src/local/placewise-simulator's event log with those incidents injected through its `incidents`",
    "option, campaigns and seeded scanner outages off. Targets apply to the club totals; the one-offer-type series",
    "(5–10 usages an open hour) and the noisier mall (peak 30 an hour, ±8 % day level) are reported as they are.",
    "An outage counts when an alert names its first or second bucket; a spike or -50 % day when any alert falls in it",
    "(or the day after); every other alert is false.",
    "",
    "| series: detector | outages caught within 2 buckets | spikes caught | -50 % days caught | false alerts |",
    "|---|---|---|---|---|",
    ...injected.rows,
  ].join("\n");
  return {
    title: "Anomaly detection (alerts)",
    markdown,
    results: [
      ...mall.results,
      {
        name: "anomaly.mall.false_alerts_per_week",
        unit: "count",
        value: Number(mall.fpWeek.toFixed(3)),
        target: 0.25,
        pass: mall.fpWeek <= 0.25,
      },
      {
        name: "anomaly.mall.worst_caught_vs_oracle",
        unit: "ratio",
        value: Number(mall.worstRatio.toFixed(3)),
        target: 0.9,
        pass: mall.worstRatio >= 0.9,
      },
      ...nab.results,
      ...injected.results,
    ],
  };
}

export const benchmark: Benchmark = { id: "anomaly", run };
export default benchmark;

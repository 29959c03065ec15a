/**
 * Measures the false-alarm rate of the anomaly scan under its null model, to calibrate budget.ts:
 * long stationary Poisson (and negative-binomial) series are fed their TRUE expected mean (the
 * oracle model), so every alarm is false; alarms are counted as the detector's own alarm starts.
 * The ratio realised / budget is what `effectiveTests` must absorb. Run: npx tsx bench/anomaly-calibrate.ts
 */
import { anomalyMemo, fillMemo, SCAN_DEFAULTS } from "../src/alerts/detectors/anomaly-memo.ts";
import type { ExpectationModel } from "../src/alerts/detectors/anomaly-model.ts";
import { effectiveTests } from "../src/alerts/detectors/budget.ts";
import { seriesContext } from "../src/alerts/series.ts";
import { rng } from "./mall-series.ts";

const HOUR = 3_600_000;
const WEEK = 168 * HOUR;

function poisson(lambda: number, rand: () => number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

/** Gamma(shape) by Marsaglia–Tsang, for negative-binomial draws (shape ≥ 1 here). */
function gamma(shape: number, rand: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const u1 = Math.max(rand(), 1e-12);
    const x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rand());
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface NullRun {
  readonly weeks: number;
  readonly alarms: number;
  readonly windows: number;
}

/** Alarm starts on `weeks` of a stationary count of mean `rate` a bucket (φ > 0: negative binomial). */
export function nullRun(opts: {
  rate: number;
  phi: number;
  weeks: number;
  seed: number;
  stepMs?: number;
  perWeek: number;
  oracle: boolean;
}): NullRun {
  const step = opts.stepMs ?? HOUR;
  const n = Math.round((opts.weeks * WEEK) / step);
  const rand = rng(opts.seed);
  const times: number[] = [];
  const values: number[] = [];
  // Over-dispersion shared by a day (as in malls and tweets): one gamma factor a day.
  const perDay = Math.round((24 * HOUR) / step);
  let factor = 1;
  for (let i = 0; i < n; i++) {
    if (opts.phi > 0 && i % perDay === 0) factor = gamma(1 / opts.phi, rand) * opts.phi;
    times.push(Date.UTC(2026, 0, 5) + i * step);
    values.push(poisson(opts.rate * factor, rand));
  }
  const ctx = seriesContext({ times, values }, "UTC", step);
  const truth: ExpectationModel = () => ({
    mode: "weekly",
    expected: opts.rate,
    floor: opts.rate,
    ceiling: opts.rate,
    phi: opts.phi,
    prior: opts.phi,
    level: 1,
  });
  const budget = { low: opts.perWeek, medium: opts.perWeek, high: opts.perWeek };
  const model = opts.oracle ? truth : SCAN_DEFAULTS.model;
  // Fed the truth, it measures the count statistic itself, which budget.ts calibrates: without the
  // smallest change worth an alert (SCAN_DEFAULTS.effectRatio), which only takes alarms away.
  const effectRatio = opts.oracle ? 1 : SCAN_DEFAULTS.effectRatio;
  const m = anomalyMemo(ctx, {
    ...SCAN_DEFAULTS,
    budget,
    model,
    effectRatio,
    sensitivity: "medium",
    direction: "both",
  });
  fillMemo(m, ctx, n - 1);
  // The seasonal model learns for 3 weeks: only later weeks count.
  const skip = opts.oracle ? 0 : Math.round((3 * WEEK) / step);
  let alarms = 0;
  for (let j = skip; j < n; j++) if (m.alarmStart[j] === j) alarms++;
  return { weeks: ((n - skip) * step) / WEEK, alarms, windows: m.windows.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const stepMin of [60, 30, 5]) {
    for (const [rate, phi] of [
      [20, 0],
      [3, 0],
      [200, 0],
      [20, 0.01],
    ] as const) {
      for (const perWeek of [1, 4]) {
        const weeks = stepMin === 5 ? 30 : 150;
        const r = nullRun({ rate, phi, weeks, seed: 11, stepMs: stepMin * 60_000, perWeek, oracle: true });
        const realised = r.alarms / r.weeks;
        console.log(
          `step ${stepMin} min, rate ${rate}, φ ${phi}, budget ${perWeek}/week: ${r.alarms} alarms in ${r.weeks.toFixed(0)} weeks = ${realised.toFixed(2)}/week (ratio ${(realised / perWeek).toFixed(2)}; windows ${r.windows}, C ${effectiveTests(r.windows).toFixed(1)})`,
        );
      }
    }
  }
}

/**
 * Where the mall part's gap to the oracle comes from (bench/anomaly-mall.ts), on seeds other than
 * the benchmark's (default 100-107): how far our expectation is from the generator's true rate (bias
 * and spread per open bucket, split into the day's total and the shape within the day), the φ the
 * scan estimates per window length, the variance it uses against the squared residuals it meets,
 * and the catches of our model, of our variance terms fed the TRUE rate, and of the oracle.
 * Run: nice -n 15 npx tsx bench/anomaly-mall-diagnose.ts [sizes, default 2,8,30] [seeds, default 100-107] [clean]
 * `clean` drops the incidents (then only the bias and the false alerts mean anything): what the
 * incidents themselves cost the expectation. "trueShape" keeps our day totals and spreads them over
 * the day as the true rate does: what a perfect centre within the day would buy.
 */
import { anomalyMemo, fillMemo, SCAN_DEFAULTS } from "../src/alerts/detectors/anomaly-memo.ts";
import { type ExpectationModel, seasonalModel } from "../src/alerts/detectors/anomaly-model.ts";
import { parseRule } from "../src/alerts/rules.ts";
import { seriesContext } from "../src/alerts/series.ts";
import { benchMall } from "./anomaly-mall.ts";
import { alertsWith, oracleModel } from "./anomaly-run.ts";
import type { MallSeries } from "./mall-series.ts";
import { mean, numberList, quantile, sd } from "./stats.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SIZES = numberList(process.argv[2], [2, 8, 30]);
const SEEDS = numberList(process.argv[3], [100, 101, 102, 103, 104, 105, 106, 107]);
const CLEAN = process.argv[4] === "clean";

/** Our model with its expectation replaced by the generator's true rate (variance terms kept). */
function trueRateOurVariance(rates: readonly number[]): ExpectationModel {
  return (ctx, j, past) => {
    const b = seasonalModel(ctx, j, past);
    const r = rates[j] as number;
    return b.mode === "learning" ? b : { ...b, expected: r, floor: r, ceiling: r };
  };
}

/**
 * Our model with the true shape within each day at our day total (dayFix: true over our day total);
 * its level field keeps our centre for the later buckets' level (look-ahead: a diagnosis only).
 */
function trueShapeOurDay(rates: readonly number[], dayFix: Float64Array): ExpectationModel {
  return (ctx, j, past) => {
    const b = seasonalModel(ctx, j, past);
    if (b.mode === "learning" || !(b.expected > 0)) return b;
    const r = (rates[j] as number) / (dayFix[j] as number);
    return { ...b, expected: r, floor: r, ceiling: r, level: (b.level * r) / b.expected };
  };
}

function catches(s: MallSeries, model: ExpectationModel): { caught: number; falseAlerts: number } {
  const alerts = alertsWith(parseRule("anomaly").rule, s, s.tz, s.stepMs, { ...SCAN_DEFAULTS, model });
  const caught = s.incidents.filter((x) => alerts.some((a) => a >= x.start && a < x.end + 6 * HOUR)).length;
  const falseAlerts = alerts.filter((a) => !s.incidents.some((x) => a >= x.start && a < x.end + DAY)).length;
  return { caught, falseAlerts };
}

for (const size of SIZES) {
  const logRatio: number[] = [];
  const dayLog: number[] = [];
  const shapeLog: number[] = [];
  let sumE = 0;
  let sumT = 0;
  let sumC = 0;
  const phi = new Map<number, number[]>();
  const used = new Map<number, number[]>();
  const actual = new Map<number, number[]>();
  const runs = {
    ours: { caught: 0, falseAlerts: 0 },
    trueRate: { caught: 0, falseAlerts: 0 },
    trueShape: { caught: 0, falseAlerts: 0 },
    oracle: { caught: 0, falseAlerts: 0 },
  };
  const push = (m: Map<number, number[]>, k: number, x: number) => {
    const xs = m.get(k) ?? [];
    xs.push(x);
    m.set(k, xs);
  };
  for (const seed of SEEDS) {
    const s = benchMall(size, seed, CLEAN);
    const rates = s.rates ?? [];
    const ctx = seriesContext(s, s.tz, s.stepMs);
    const m = anomalyMemo(ctx, { ...SCAN_DEFAULTS, sensitivity: "medium", direction: "both" });
    const inIncident = (t: number) => s.incidents.some((x) => t >= x.start && t < x.end);
    const byDay = new Map<number, { e: number; t: number; js: number[] }>();
    for (let j = 0; j < s.times.length; j++) {
      fillMemo(m, ctx, j);
      const b = m.model[j];
      if (b === undefined || b.mode !== "weekly") continue;
      const t = rates[j] as number;
      if (t > 0 && b.expected > 0) {
        sumE += b.expected;
        sumT += t;
        sumC += b.expected / b.level;
        logRatio.push(Math.log(b.expected / t));
        const d = Math.floor((ctx.local[j] as number) / DAY);
        const x = byDay.get(d) ?? { e: 0, t: 0, js: [] };
        x.e += b.expected;
        x.t += t;
        x.js.push(j);
        byDay.set(d, x);
      }
      if (j % 24 === 12)
        m.windows.forEach((w, wi) => {
          push(phi, w, m.phiNow[wi] as number);
        });
      // Clean windows ending here (no incident in them): the variance the scan uses against (y − e)².
      m.windows.forEach((w, wi) => {
        const start = j - w + 1;
        if (j % Math.max(1, Math.floor(w / 2)) !== 0 || start < 0 || m.mode[start] !== "weekly") return;
        let y = 0;
        let e = 0;
        for (let k = start; k <= j; k++) {
          if (inIncident(s.times[k] as number)) return;
          y += s.values[k] as number;
          e += (m.model[k] as { expected: number }).expected;
        }
        if (e < 1) return;
        const ph = m.phiNow[wi] as number;
        const v = Math.max(e, (e + ph * e * e) * (m.inflateNow[wi] as number)) + (b.levelVar ?? 0) * e * e;
        push(used, w, (v - e) / (e * e));
        push(actual, w, ((y - e) ** 2 - e) / (e * e));
      });
    }
    for (const x of byDay.values()) {
      const a = Math.log(x.e / x.t);
      dayLog.push(a);
      for (const j of x.js) {
        const e = (m.model[j] as { expected: number }).expected;
        shapeLog.push(Math.log(e / (rates[j] as number)) - a);
      }
    }
    const dayFix = new Float64Array(s.times.length).fill(1);
    for (const x of byDay.values()) for (const j of x.js) dayFix[j] = x.t / x.e;
    for (const [name, model] of [
      ["ours", seasonalModel],
      ["trueRate", trueRateOurVariance(rates)],
      ["trueShape", trueShapeOurDay(rates, dayFix)],
      ["oracle", oracleModel(rates)],
    ] as const) {
      const r = catches(s, model);
      runs[name].caught += r.caught;
      runs[name].falseAlerts += r.falseAlerts;
    }
  }
  const weeks = SEEDS.length * 11;
  console.log(`\n${size} usages an open hour, seeds ${SEEDS.join(",")}`);
  console.log(
    `expected / true: sum ratio ${(sumE / sumT).toFixed(3)} (centre ${(sumC / sumT).toFixed(3)} × level ${(sumE / sumC).toFixed(3)}); log ratio per open bucket mean ${mean(logRatio).toFixed(3)} sd ${sd(logRatio).toFixed(3)}; day total sd ${sd(dayLog).toFixed(3)}; shape within the day sd ${sd(shapeLog).toFixed(3)}`,
  );
  console.log("window h | φ median [p10, p90] | relative excess variance used (mean) | met (mean)");
  for (const [w, xs] of phi) {
    console.log(
      `${w} | ${quantile(xs, 0.5).toFixed(4)} [${quantile(xs, 0.1).toFixed(4)}, ${quantile(xs, 0.9).toFixed(4)}] | ${mean(used.get(w) ?? []).toFixed(4)} | ${mean(actual.get(w) ?? []).toFixed(4)}`,
    );
  }
  for (const [name, r] of Object.entries(runs)) {
    console.log(`${name}: ${r.caught} caught, ${(r.falseAlerts / weeks).toFixed(2)} false alerts a week`);
  }
}

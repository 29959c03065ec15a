/**
 * Per outage of the mall bench (seeds 100-123, one size): why ours missed what the oracle caught.
 * For each outage: our expected sum over the outage hours against the true rate's (e/t), split into
 * the centre (c/t) and the level (lvl, and `since`: hours from the level's last restart to the
 * outage's start), φ and its margin (infl) of the shortest scanned window that covers the outage,
 * the level's variance (lv), the exact outage window's score with our terms (sc) and the oracle's
 * (osc), the threshold, the best low-side margin (score − threshold) from the outage's start to 6 h
 * after, whether the low side breached and was reported, and the alarm/anchor state before it.
 * Run: nice -n 15 npx tsx bench/anomaly-outage-diagnose.ts [size, default 2] [options JSON]
 */
import { anomalyMemo, fillMemo, SCAN_DEFAULTS } from "../src/alerts/detectors/anomaly-memo.ts";
import type { BucketModel } from "../src/alerts/detectors/anomaly-model.ts";
import { logTailP } from "../src/alerts/detectors/count-tail.ts";
import { parseRule } from "../src/alerts/rules.ts";
import { seriesContext } from "../src/alerts/series.ts";
import { benchMall } from "./anomaly-mall.ts";
import { alertsWith, oracleModel } from "./anomaly-run.ts";

const HOUR = 3_600_000;
const size = Number(process.argv[2] ?? 2);
const extra = JSON.parse(process.argv[3] ?? "{}");
const opts = { ...SCAN_DEFAULTS, ...extra, sensitivity: "medium", direction: "both" } as const;
const rule = parseRule("anomaly").rule;
let outages = 0;
let caughtOracle = 0;
let caughtOurs = 0;
for (let seed = 100; seed <= 123; seed++) {
  const s = benchMall(size, seed);
  const rates = s.rates ?? [];
  const a = alertsWith(rule, s, s.tz, s.stepMs, opts);
  const o = alertsWith(rule, s, s.tz, s.stepMs, { ...opts, model: oracleModel(rates) });
  const filled = (oracle: boolean) => {
    const ctx = seriesContext(s, s.tz, s.stepMs);
    const memo = anomalyMemo(ctx, oracle ? { ...opts, model: oracleModel(rates) } : opts);
    fillMemo(memo, ctx, s.times.length - 1);
    return memo;
  };
  const m = filled(false);
  const mo = filled(true);
  // φ as of each outage's end: phiNow holds the latest day's only, so a second memo is filled up to
  // each outage in turn (outages come in time order).
  const ctxAt = seriesContext(s, s.tz, s.stepMs);
  const mAt = anomalyMemo(ctxAt, opts);
  const model = (k: number) => m.model[k] as BucketModel;
  const lowMargin = (memo: typeof m, k: number) =>
    (memo.low[k]?.score ?? 0) - (memo.lowThreshold[k] as number);
  for (const x of s.incidents) {
    if (x.kind !== "outage") continue;
    outages++;
    const caught = (alerts: number[]) => alerts.some((t) => t >= x.start && t < x.end + 6 * HOUR);
    const ours = caught(a);
    const orc = caught(o);
    if (ours) caughtOurs++;
    if (orc) caughtOracle++;
    const js = s.times.indexOf(x.start);
    const je = s.times.indexOf(x.end) - 1;
    const w = je - js + 1;
    let e = 0;
    let t = 0;
    let y = 0;
    let c = 0;
    for (let k = js; k <= je; k++) {
      e += model(k).floor;
      c += model(k).floor / model(k).level;
      t += rates[k] as number;
      y += s.values[k] as number;
    }
    const wi = Math.max(
      0,
      m.windows.findIndex((n) => n >= w),
    );
    fillMemo(mAt, ctxAt, je);
    const phi = mAt.phiNow[wi] as number;
    const infl = mAt.inflateNow[wi] as number;
    const lv = model(je).levelVar ?? 0;
    const v = Math.max(e, (e + phi * e * e) * infl) + lv * e * e;
    const score = -logTailP(y, e, v, false);
    const oscore = -logTailP(y, t, t, false);
    // The best low-side margin from the outage's start to 6 h after.
    const last = Math.min(je + 6, s.times.length - 1);
    let best = 0;
    let bestAt = -1;
    let bestO = 0;
    let breached = false;
    let reported = false;
    for (let k = js; k <= last; k++) {
      const sc = lowMargin(m, k);
      if (bestAt < 0 || sc > best) {
        best = sc;
        bestAt = k;
      }
      bestO = Math.max(bestO, lowMargin(mo, k));
      breached ||= sc >= 0;
      reported ||= m.lowReported[k] === 1;
    }
    const hr = (k: number) => new Date(s.times[k] as number).toISOString().slice(5, 16);
    const wd = new Date(s.times[js] as number).getUTCDay();
    console.log(
      `${seed} ${hr(js)} wd${wd} ${w}h ours=${ours ? 1 : 0} or=${orc ? 1 : 0} | e=${e.toFixed(1)} t=${t.toFixed(1)} y=${y} e/t=${(e / t).toFixed(2)} c/t=${(c / t).toFixed(2)} lvl=${model(je).level.toFixed(2)} since=${(model(je).since ?? 0) - js} phi=${phi.toFixed(4)} infl=${infl.toFixed(2)} lv=${lv.toFixed(4)} sc=${score.toFixed(1)} osc=${oscore.toFixed(1)} | thr=${(m.threshold[je] as number).toFixed(1)} lowThr=${(m.lowThreshold[je] as number).toFixed(1)} oThr=${(mo.lowThreshold[je] as number).toFixed(1)} bestMargin=${best.toFixed(1)}@${bestAt - js} oMargin=${bestO.toFixed(1)} alarmBefore=${m.alarm[js - 1]} anchor=${(m.anchor[je] as number) - js} breached=${breached ? 1 : 0} reported=${reported ? 1 : 0}`,
    );
  }
}
console.log(`outages ${outages} ours ${caughtOurs} oracle ${caughtOracle}`);

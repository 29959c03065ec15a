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
import { logTailP } from "../src/alerts/detectors/count-tail.ts";
import { parseRule } from "../src/alerts/rules.ts";
import { seriesContext } from "../src/alerts/series.ts";
import { benchMall } from "./anomaly-mall.ts";
import { alertsWith, oracleModel } from "./anomaly-run.ts";

const HOUR = 3_600_000;
const size = Number(process.argv[2] ?? 2);
const extra = JSON.parse(process.argv[3] ?? "{}");
const opts = { ...SCAN_DEFAULTS, ...extra };
const rule = parseRule("anomaly").rule;
let nO = 0,
  cO = 0,
  cA = 0;
for (let seed = 100; seed <= 123; seed++) {
  const s = benchMall(size, seed);
  const rates = s.rates ?? [];
  const a = alertsWith(rule, s, s.tz, s.stepMs, opts);
  const o = alertsWith(rule, s, s.tz, s.stepMs, { ...opts, model: oracleModel(rates) });
  const ctx = seriesContext(s, s.tz, s.stepMs);
  const m = anomalyMemo(ctx, { ...opts, sensitivity: "medium", direction: "both" });
  fillMemo(m, ctx, s.times.length - 1);
  const ctxO = seriesContext(s, s.tz, s.stepMs);
  const mo = anomalyMemo(ctxO, {
    ...opts,
    model: oracleModel(rates),
    sensitivity: "medium",
    direction: "both",
  });
  fillMemo(mo, ctxO, s.times.length - 1);
  for (const x of s.incidents) {
    if (x.kind !== "outage") continue;
    nO++;
    const cau = (al: number[]) => al.some((t) => t >= x.start && t < x.end + 6 * HOUR);
    const ours = cau(a),
      orc = cau(o);
    if (ours) cA++;
    if (orc) cO++;
    const js = s.times.findIndex((t) => t === x.start);
    const je = s.times.findIndex((t) => t === x.end) - 1;
    const w = je - js + 1;
    let e = 0,
      t = 0,
      y = 0,
      c = 0;
    for (let k = js; k <= je; k++) {
      e += m.model[k]!.floor;
      c += m.model[k]!.floor / m.model[k]!.level;
      t += rates[k]!;
      y += s.values[k]!;
    }
    let wi = m.windows.findIndex((x) => x >= w);
    if (wi < 0) wi = 0;
    // phi as of je (phiNow is current only; recompute by refilling a fresh memo to je)
    const ctx2 = seriesContext(s, s.tz, s.stepMs);
    const m2 = anomalyMemo(ctx2, { ...opts, sensitivity: "medium", direction: "both" });
    fillMemo(m2, ctx2, je);
    const phi = m2.phiNow[wi]!,
      infl = m2.inflateNow[wi]!,
      lv = m2.model[je]!.levelVar ?? 0;
    const v = Math.max(e, (e + phi * e * e) * infl) + lv * e * e;
    const score = -logTailP(y, e, v, false);
    const oscore = -logTailP(y, t, t, false);
    // best low score within [js, je+6]
    let best = 0,
      bestAt = -1,
      bestO = 0;
    for (let k = js; k <= Math.min(je + 6, s.times.length - 1); k++) {
      const sc = m.low[k]!.score - m.lowThreshold[k]!;
      if (bestAt < 0 || sc > best) {
        best = sc;
        bestAt = k;
      }
      bestO = Math.max(bestO, mo.low[k]!.score - mo.lowThreshold[k]!);
    }
    const hr = (k: number) => new Date(s.times[k]!).toISOString().slice(5, 16);
    const alarmBefore = m.alarm[js - 1];
    const reported = Array.from({ length: je + 7 - js }, (_, i) => m.lowReported[js + i]).some(
      (r) => r === 1,
    );
    const breached = Array.from({ length: je + 7 - js }, (_, i) => js + i).some(
      (k) => m.low[k]!.score >= m.lowThreshold[k]!,
    );
    const wd = new Date(s.times[js]!).getUTCDay();
    console.log(
      `${seed} ${hr(js)} wd${wd} ${w}h ours=${ours ? 1 : 0} or=${orc ? 1 : 0} | e=${e.toFixed(1)} t=${t.toFixed(1)} y=${y} e/t=${(e / t).toFixed(2)} c/t=${(c / t).toFixed(2)} lvl=${m.model[je]!.level.toFixed(2)} since=${(m.model[je]!.since ?? 0) - js} phi=${phi.toFixed(4)} infl=${infl.toFixed(2)} lv=${lv.toFixed(4)} sc=${score.toFixed(1)} osc=${oscore.toFixed(1)} | thr=${m.threshold[je]!.toFixed(1)} lowThr=${m.lowThreshold[je]!.toFixed(1)} oThr=${mo.lowThreshold[je]!.toFixed(1)} bestMargin=${best.toFixed(1)}@${bestAt - js} oMargin=${bestO.toFixed(1)} alarmBefore=${alarmBefore} anchor=${m.anchor[je]! - js} breached=${breached ? 1 : 0} reported=${reported ? 1 : 0}`,
    );
  }
}
console.log(`outages ${nO} ours ${cA} oracle ${cO}`);

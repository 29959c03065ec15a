import { describe, expect, it } from "vitest";
import { mallSeries } from "../../bench/mall-series.ts";
import { anomalyMemo, fillMemo, SCAN_DEFAULTS } from "../../src/alerts/detectors/anomaly-memo.ts";
import { seriesContext } from "../../src/alerts/series.ts";

const opts = { ...SCAN_DEFAULTS, sensitivity: "medium", direction: "both" } as const;

function memoOf(s: { times: number[]; values: number[]; tz: string; stepMs: number }) {
  const ctx = seriesContext(s, s.tz, s.stepMs);
  const m = anomalyMemo(ctx, opts);
  fillMemo(m, ctx, s.times.length - 1);
  return m;
}

describe("anomaly suspect buckets (quiet-sums.ts, markSuspect)", () => {
  // A mall at 2 usages an open hour with incidents from week 4: low windows near the threshold
  // are common, and a suspect window's earlier buckets are marked only when it ends.
  const s = mallSeries({ seed: 3, weeks: 10, perOpenHour: 2 });
  const full = memoOf(s);

  it("marks some buckets the detector did not alarm on", () => {
    const marked = full.suspect.reduce((n, x, i) => n + (x === 1 && full.alarm[i] === 0 ? 1 : 0), 0);
    expect(marked).toBeGreaterThan(0);
  });

  it("never looks ahead: each bucket's model and verdict are those of the series cut there", () => {
    const n = s.times.length;
    for (const k of [Math.floor(n * 0.5), Math.floor(n * 0.7), Math.floor(n * 0.85), n - 30]) {
      const cut = memoOf({ ...s, times: s.times.slice(0, k + 1), values: s.values.slice(0, k + 1) });
      for (let j = k - 48; j <= k; j++) {
        expect(cut.model[j]?.expected).toBe(full.model[j]?.expected);
        expect(cut.model[j]?.level).toBe(full.model[j]?.level);
        expect(cut.alarm[j]).toBe(full.alarm[j]);
      }
    }
  });
});

/**
 * An alert's sentence must agree with its numbers: "412 usages in the last 24 h (since Tue 15:00),
 * about half the usual 830" only when the series holds 412 in those 24 h, the window starts then, and
 * 412/830 is about half. Checked on every alert of a real NAB series (nyc_taxi, 30 min, 7 months:
 * in its first two months alone the rule finds only 1-2 changes large enough to tell,
 * SCAN_DEFAULTS.effectRatio, so the test reads the whole file).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { backtestRun } from "../../src/alerts/backtest.ts";
import { parseSeriesCsv } from "../../src/alerts/csv.ts";
import { parseRule } from "../../src/alerts/rules.ts";

const csv = readFileSync(resolve(import.meta.dirname, "../../bench/data/nab/nyc_taxi.csv"), "utf8");
const series = parseSeriesCsv(csv);
const MIN = 60_000;

function spanMs(words: string): number {
  const m = /^(?:(\d+) d)?(?:(\d+) h)? ?(?:(\d+) min)?$/.exec(words.trim());
  if (m === null) throw new Error(`not a span: ${words}`);
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * MIN;
}

/** The sum of the values in the `span` ending with the bucket at `at`, and the window's first bucket. */
function windowOf(at: number, span: number): { sum: number; from: number } {
  const end = series.times.indexOf(at);
  const from = at + series.stepMs - span;
  let sum = 0;
  for (let i = end; i >= 0 && (series.times[i] as number) >= from; i--) sum += series.values[i] as number;
  return { sum, from };
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const number = (text: string) => Number(text.replace(/,/g, ""));

describe("anomaly alert sentences", () => {
  it.each(["anomaly", "anomaly sensitivity=high"])(
    "state the window's real sum, start and ratio (%s)",
    (text) => {
      const run = backtestRun(parseRule(text).rule, series, "UTC");
      expect(run.alerts.length).toBeGreaterThanOrEqual(5);
      for (const a of run.alerts.filter((x) => x.kind === "firing")) {
        const none = /^No usages for (.+) since (?:\w{3} )?(\d\d:\d\d) \(about ([\d,.]+) expected\)$/.exec(
          a.reason,
        );
        const some =
          /^([\d,]+) usages? in the last (.+) \(since (?:\w{3} )?(\d\d:\d\d)\), (about half|about a third of|about a quarter of|about ([\d.]+) times|(\d+) % below|(\d+) % above) the usual ([\d,.]+)$/.exec(
            a.reason,
          );
        expect(none ?? some, a.reason).not.toBeNull();
        if (none !== null) {
          const w = windowOf(a.at, spanMs(none[1] as string));
          expect(w.sum, a.reason).toBe(0);
          expect(clock(w.from), a.reason).toBe(none[2]);
          continue;
        }
        const m = some as RegExpExecArray;
        const observed = number(m[1] as string);
        const w = windowOf(a.at, spanMs(m[2] as string));
        expect(w.sum, a.reason).toBe(observed);
        expect(clock(w.from), a.reason).toBe(m[3]);
        // The usual amount is rounded to a whole number: ratios are checked with that slack.
        const usual = number(m[8] as string);
        const r = observed / usual;
        const slack = 1 / usual + 0.005;
        const words = m[4] as string;
        if (words === "about half") {
          expect(r).toBeGreaterThan(0.4 - slack);
          expect(r).toBeLessThan(0.6 + slack);
        }
        if (m[6] !== undefined) expect(Math.abs(100 * (1 - r) - Number(m[6]))).toBeLessThanOrEqual(1);
        if (m[7] !== undefined) expect(Math.abs(100 * (r - 1) - Number(m[7]))).toBeLessThanOrEqual(1);
        if (m[5] !== undefined) expect(Math.abs(r - Number(m[5]))).toBeLessThanOrEqual(0.06);
        // A sentence says "below" only of a low window and "above" only of a high one.
        if (/below|half|third|quarter/.test(words)) expect(observed).toBeLessThan(usual);
        if (/above|times/.test(words)) expect(observed).toBeGreaterThan(usual);
      }
    },
  );
});

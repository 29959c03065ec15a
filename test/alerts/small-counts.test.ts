/**
 * The anomaly rule on small counts: a shop open Mon–Sat 10:00–21:00 (63 hours a week) at a steady
 * rate, Poisson, six clean weeks, then one incident on Wednesday of week 7.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { alertsWith, oracleModel } from "../../bench/anomaly-run.ts";
import { rng } from "../../bench/mall-series.ts";
import { backtest } from "../../src/alerts/backtest.ts";
import { SCAN_DEFAULTS } from "../../src/alerts/detectors/anomaly-memo.ts";
import { evaluateSeries } from "../../src/alerts/evaluate.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { local, TZ } from "./series-helpers.ts";

const HOUR = 3_600_000;

function poisson(lambda: number, rand: () => number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

/** Hourly counts of a shop at `rate` an open hour; `edit(localDateTime, rate)` changes the true rate. */
function shop(rate: number, seed: number, weeks = 7, edit?: (t: DateTime, r: number) => number) {
  const rand = rng(seed);
  const start = DateTime.fromISO("2026-08-03", { zone: TZ });
  const times: number[] = [];
  const values: number[] = [];
  for (let t = start; t < start.plus({ weeks }); t = t.plus({ hours: 1 })) {
    const open = t.weekday <= 6 && t.hour >= 10 && t.hour < 21;
    const r = open ? rate : 0;
    times.push(t.toMillis());
    values.push(poisson(edit ? edit(t, r) : r, rand));
  }
  return { times, values };
}

/** Wednesday of week 7, from `from` o'clock for `hours` hours. */
const incident = (from: number, hours: number) => (t: DateTime) =>
  t.toISODate() === "2026-09-16" && t.hour >= from && t.hour < from + hours;

function alertsAfter(text: string, s: { times: number[]; values: number[] }, from = "2026-09-16 00:00") {
  return backtest(parseRule(text).rule, s, TZ, HOUR)
    .map((a) => ({ at: local(a.at), reason: a.reason }))
    .filter((a) => a.at >= from);
}

describe("anomaly rule on small counts", () => {
  it("fires on a 5 h silence at 2 an hour, saying so in numbers; a 3 h one is within the budget", () => {
    // A 3 h silence where 6 are usual has probability e^-6 = 0.25 %: a shop's 60 open 3 h windows a
    // week meet one by chance every ~7 weeks, more than medium's 0.25 false alerts a week allow.
    const five = shop(2, 5, 7, (t, r) => (incident(13, 5)(t) ? 0 : r));
    for (const text of ["anomaly", "anomaly sensitivity=high"]) {
      const a = alertsAfter(text, five);
      expect(a[0]?.at).toMatch(/^2026-09-16 1[3-7]:00$/);
      // The windows are 1, 2, 3, 5… h long: at the silence's 4th hour the 5 h window starts an hour
      // before it, and its sentence says so, with numbers that agree.
      const m =
        /^(?:No usages for [345] h since 13:00 \(about [\d.]+ expected\)|(\d+) usages? in the last 5 h \(since 12:00\), (\d+) % below the usual ([\d.]+))$/.exec(
          a[0]?.reason ?? "",
        );
      expect(m, a[0]?.reason).not.toBeNull();
      if (m?.[1] !== undefined) {
        const below = 100 * (1 - Number(m[1]) / Number(m[3]));
        expect(Math.abs(below - Number(m[2]))).toBeLessThan(1);
      }
    }
    // A 3 h silence alone is within the budget: nothing fires during it or in the hour after. Later
    // that day only where the true rate itself finds the day improbable: on this seed the rest of
    // the Wednesday is low by chance (6 usages in 8 open hours where 16 are expected), and the same
    // scan fed the true rate fires at 20:00; ours may follow it, never precede it.
    const three = shop(2, 5, 7, (t, r) => (incident(13, 3)(t) ? 0 : r));
    const ours = alertsAfter("anomaly", three).filter((a) => a.at < "2026-09-17");
    const rates = three.times.map((t) => {
      const d = DateTime.fromMillis(t, { zone: TZ });
      return d.weekday <= 6 && d.hour >= 10 && d.hour < 21 ? 2 : 0;
    });
    const truth = alertsWith(parseRule("anomaly").rule, three, TZ, HOUR, {
      ...SCAN_DEFAULTS,
      model: oracleModel(rates),
    })
      .map((t) => local(t))
      .filter((at) => at >= "2026-09-16" && at < "2026-09-17");
    expect(ours.filter((a) => a.at < "2026-09-16 18:00")).toEqual([]);
    for (const a of ours)
      expect(
        truth.some((at) => at <= a.at),
        a.at,
      ).toBe(true);
  });

  it("fires on a 3 h silence at 2 an hour at high sensitivity on at least 4 shops in 10", () => {
    // About 6 expected: e^-6 is just past high's threshold (a budget of 1 false alert a week over
    // 63 open hours), so even a detector that knew the true rate would fire only where the shop's
    // expectation comes out at 6 or more. With the level's and the spread's sampling error
    // overcounted, this fired on 2 of these 10 shops.
    let fired = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const s = shop(2, seed, 7, (t, r) => (incident(13, 3)(t) ? 0 : r));
      const a = alertsAfter("anomaly sensitivity=high", s, "2026-09-16 13:00").filter(
        (x) => x.at < "2026-09-17",
      );
      if (a.length === 0) continue;
      fired++;
      const m = /^No usages for 3 h since 13:00 \(about ([\d.]+) expected\)$/.exec(a[0]?.reason ?? "");
      if (m !== null) expect(Number(m[1])).toBeGreaterThan(4);
    }
    expect(fired).toBeGreaterThanOrEqual(4);
  });

  it("stays within each sensitivity's false-alarm budget on 30 weeks of steady Poisson at 2 an hour", () => {
    // Budgets: low 0.05, medium 0.25, high 1 false alert a week; judged from week 4 (after learning).
    const budget = { low: 0.05, medium: 0.25, high: 1 } as const;
    for (const sensitivity of ["low", "medium", "high"] as const) {
      let alerts = 0;
      let weeks = 0;
      for (const seed of [31, 32]) {
        const s = shop(2, seed, 30);
        alerts += alertsAfter(`anomaly sensitivity=${sensitivity}`, s, "2026-08-24 00:00").length;
        weeks += 27;
      }
      expect(alerts / weeks, sensitivity).toBeLessThanOrEqual(budget[sensitivity]);
    }
  });

  it("does not fire on one quiet hour at 2 an hour, even at high sensitivity", () => {
    const s = shop(2, 5, 7, (t, r) => (incident(13, 1)(t) ? 0 : r));
    expect(
      alertsAfter("anomaly sensitivity=high", s, "2026-09-16 13:00").filter((a) => a.at < "2026-09-17"),
    ).toEqual([]);
  });

  it("fires on a day at -50 % at 8 an hour, naming the window and how far below the usual it is", () => {
    const s = shop(8, 6, 7, (t, r) => (t.toISODate() === "2026-09-16" ? r / 2 : r));
    const a = alertsAfter("anomaly", s).filter((x) => x.at < "2026-09-17");
    expect(a.length).toBeGreaterThan(0);
    // This seed's day came out 39 % low (51 of 83); the first window to cross the threshold may be
    // the whole day ("about half") or its emptiest evening hours ("about a quarter"): either way the
    // window starts that day and the words are true of the sentence's own numbers.
    const m =
      /^(\d+) usages in the last .+ \(since \d\d:00\), (about half|about a third of|about a quarter of|\d+ % below) the usual (\d+)$/.exec(
        a[0]?.reason ?? "",
      );
    expect(m).not.toBeNull();
    const ratio = Number(m?.[1]) / Number(m?.[3]);
    const bounds: Record<string, [number, number]> = {
      "about half": [0.4, 0.6],
      "about a third of": [0.28, 0.4],
      "about a quarter of": [0.2, 0.28],
    };
    const [lo, hi] = bounds[m?.[2] ?? ""] ?? [0, 1];
    expect(ratio).toBeGreaterThanOrEqual(lo - 0.01);
    expect(ratio).toBeLessThan(hi + 0.01);
  });

  it("fires on a 1 h burst of 3× at 8 an hour", () => {
    const s = shop(8, 7, 7, (t, r) => (incident(15, 1)(t) ? 3 * r : r));
    const a = alertsAfter("anomaly", s);
    expect(a[0]?.at).toBe("2026-09-16 15:00");
    expect(a[0]?.reason).toMatch(
      /^\d+ usages in the last [12] h \(since 1[45]:00\), about [\d.]+ times the usual/,
    );
  });

  it("never fires on closed hours, whatever comes in then", () => {
    // Usage at night would be news for a `below`/`above` rule; for `anomaly` a window expected to
    // hold less than one usage says nothing.
    const s = shop(8, 8, 7, (t, r) => (t.toISODate() === "2026-09-16" && t.hour === 3 ? 1.5 : r));
    expect(alertsAfter("anomaly sensitivity=high", s).filter((a) => a.at.startsWith("2026-09-16 0"))).toEqual(
      [],
    );
  });

  it("learns a new normal at 2 an hour too, and says how far it moved", () => {
    // From Tuesday of week 5 on, half the usages for good. The note comes once the level has
    // settled near the new one (a level that drifts over a week, as a 7-day ratio of sums did, said
    // "about 21 % lower" over the first closed night), and the last week is the usual one. 25 % at
    // the least: since the level leaves out suspect buckets (quiet-sums.ts, markSuspect) it learns
    // a drop at 2 an hour a little later (bench/anomaly-level-restarts.ts, median 3.5 → 3.8 days),
    // and here its first note said 25 % instead of 30 %, the next ones 32 % and 42 %.
    const s = shop(2, 9, 9, (t, r) => (t >= DateTime.fromISO("2026-09-01", { zone: TZ }) ? 0.5 * r : r));
    const evs = evaluateSeries(parseRule("anomaly").rule, s, TZ, 0, HOUR);
    const note = evs.find((e) => /^New level about \d+ % lower since /.test(e.reason));
    expect(note?.reason).toMatch(/^New level about (2[5-9]|[3-6]\d) % lower since /);
    const lastWeek = evs.filter((e) => e.at >= DateTime.fromISO("2026-09-28", { zone: TZ }).toMillis());
    expect(lastWeek.length).toBeGreaterThan(24 * 5);
    expect(lastWeek.filter((e) => e.breach)).toEqual([]);
  });

  it("learns a new normal after a sustained drop, and says so", () => {
    // From Tuesday of week 5 on, 40 % fewer usages for good.
    const s = shop(30, 9, 8, (t, r) => (t >= DateTime.fromISO("2026-09-01", { zone: TZ }) ? 0.6 * r : r));
    const evs = evaluateSeries(parseRule("anomaly").rule, s, TZ, 0, HOUR);
    const note = evs.find((e) => /^New level about \d+ % lower since /.test(e.reason));
    expect(note?.reason).toMatch(
      /^New level about ([2-4]\d) % lower since Tue \d\d:00: the expected values follow it now$/,
    );
    // After the note the new level is the usual one: no more breaches.
    const later = evs.filter((e) => e.at > (note?.at as number));
    expect(later.length).toBeGreaterThan(24 * 5);
    expect(later.filter((e) => e.breach)).toEqual([]);
  });
});

/**
 * Where the default `anomaly` rule's false alerts on NAB come from: for every alert it would have
 * sent, its kind (first firing or 24 h reminder), side, the scan window that fired, the time since
 * the alert before resolved (a re-fire of the same incident: flapping), the day of the file and the
 * NAB window it falls in (or not). Not part of `npm run bench`; run by hand:
 *   nice -n 15 npx tsx bench/anomaly-fp.ts [--list] [file-name-prefix]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseSeriesCsv } from "../src/alerts/csv.ts";
import { type AnomalyOptions, judgeAnomaly } from "../src/alerts/detectors/anomaly.ts";
import {
  type AnomalyMemo,
  anomalyMemo,
  SCAN_DEFAULTS,
  type SideScan,
} from "../src/alerts/detectors/anomaly-memo.ts";
import { INITIAL_STATE, step } from "../src/alerts/lifecycle.ts";
import { parseRule } from "../src/alerts/rules.ts";
import { seriesContext } from "../src/alerts/series.ts";
import { NAB_DIR } from "./anomaly-nab.ts";
import { nabScore, probationLength } from "./nab-score.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FILES = [
  ["nyc_taxi", "realKnownCause/nyc_taxi.csv"],
  ["Twitter_volume_GOOG", "realTweets/Twitter_volume_GOOG.csv"],
  ["Twitter_volume_IBM", "realTweets/Twitter_volume_IBM.csv"],
  ["Twitter_volume_KO", "realTweets/Twitter_volume_KO.csv"],
] as const;

interface Row {
  at: number;
  kind: string;
  side: "low" | "high";
  windowH: number;
  score: number;
  threshold: number;
  observed: number;
  expected: number;
  sinceResolvedH: number | null;
  sameSideAsBefore: boolean | null;
  day: number;
  where: "window" | "after window" | "FP" | "probation";
}

const args = process.argv.slice(2);
const list = args.includes("--list");
const optsAt = args.indexOf("--opts");
const extra = optsAt === -1 ? {} : (JSON.parse(args[optsAt + 1] as string) as Partial<AnomalyOptions>);
const ruleAt = args.indexOf("--rule");
const only = args.find((a, k) => !a.startsWith("--") && k !== optsAt + 1 && k !== ruleAt + 1);
const rule = parseRule(ruleAt === -1 ? "anomaly" : (args[ruleAt + 1] as string)).rule;
const options: AnomalyOptions = { ...SCAN_DEFAULTS, ...extra };
const utcWall = (text: string) => Date.parse(`${text.slice(0, 19).replace(" ", "T")}Z`);
const windowsJson = JSON.parse(await readFile(join(NAB_DIR, "windows.json"), "utf8")) as Record<
  string,
  string[][]
>;

for (const [name, path] of FILES) {
  if (only !== undefined && !name.startsWith(only)) continue;
  const series = parseSeriesCsv(await readFile(join(NAB_DIR, `${name}.csv`), "utf8"), "UTC", name);
  const windows = (windowsJson[path] ?? []).map(([a, b]) => ({
    start: utcWall(a as string),
    end: utcWall(b as string),
  }));
  const ctx = seriesContext(series, "UTC", series.stepMs);
  const probationEnd = series.times[probationLength(series.times.length)] as number;
  let state = INITIAL_STATE;
  let lastResolved: number | null = null;
  let lastSide: "low" | "high" | null = null;
  const rows: Row[] = [];
  let memo: AnomalyMemo | null = null;
  for (let i = 0; i < series.times.length; i++) {
    const j = judgeAnomaly(rule, ctx, i, options);
    memo ??= anomalyMemo(ctx, { ...options, sensitivity: rule.sensitivity, direction: rule.direction });
    const at = series.times[i] as number;
    const r = step(
      state,
      { at, value: series.values[i] as number, active: true, ...j },
      rule,
      at + series.stepMs,
    );
    state = r.state;
    if (r.notify === null) continue;
    if (r.notify.kind === "resolved") {
      lastResolved = at;
      continue;
    }
    const low = memo.low[i] as SideScan;
    const high = memo.high[i] as SideScan;
    const lowX = low.score - (memo.lowThreshold[i] as number);
    const highX = high.score - (memo.highThreshold[i] as number);
    const side = lowX >= highX ? "low" : "high";
    const s = side === "low" ? low : high;
    const w = windows.find((x) => at >= x.start && at <= x.end);
    const after = windows.some((x) => at > x.end && at <= x.end + (x.end - x.start));
    rows.push({
      at,
      kind: r.notify.kind,
      side,
      windowH: (s.buckets * series.stepMs) / HOUR,
      score: s.score,
      threshold: side === "low" ? (memo.lowThreshold[i] as number) : (memo.highThreshold[i] as number),
      observed: s.observed,
      expected: s.expected,
      sinceResolvedH: lastResolved === null ? null : (at - lastResolved) / HOUR,
      sameSideAsBefore: lastSide === null ? null : lastSide === side,
      day: Math.floor((at - (series.times[0] as number)) / DAY),
      where: at < probationEnd ? "probation" : w !== undefined ? "window" : after ? "after window" : "FP",
    });
    lastSide = side;
  }
  const nab = nabScore(
    series.times,
    rows.map((r) => r.at),
    windows,
  );
  const fp = rows.filter((r) => r.where === "FP" || r.where === "after window");
  const count = (f: (r: Row) => boolean) => fp.filter(f).length;
  const days = Math.round(((series.times.at(-1) as number) - (series.times[0] as number)) / DAY);
  console.log(
    `\n## ${name}: ${days} days, ${rows.length} alerts, ${fp.length} scored FP (NAB counts "after window" ones too, at a reduced cost); NAB score ${nab.score.toFixed(2)} (${nab.windowsDetected}/${nab.windows})`,
  );
  console.log(
    `  kinds: ${count((r) => r.kind === "firing")} firing, ${count((r) => r.kind === "renotify")} reminders; sides: ${count((r) => r.side === "high")} high, ${count((r) => r.side === "low")} low`,
  );
  console.log(
    `  re-fires within 6 h / 12 h / 24 h of a resolution: ${count((r) => r.kind === "firing" && r.sinceResolvedH !== null && r.sinceResolvedH <= 6)} / ${count((r) => r.kind === "firing" && r.sinceResolvedH !== null && r.sinceResolvedH <= 12)} / ${count((r) => r.kind === "firing" && r.sinceResolvedH !== null && r.sinceResolvedH <= 24)} (same side within 24 h: ${count((r) => r.kind === "firing" && r.sinceResolvedH !== null && r.sinceResolvedH <= 24 && r.sameSideAsBefore === true)})`,
  );
  console.log(
    `  in the first 2 / 4 weeks: ${count((r) => r.day < 14)} / ${count((r) => r.day < 28)}; after a NAB window (in its "after" span): ${count((r) => r.where === "after window")}`,
  );
  const lens = [1, 3, 6, 12, 24, 48];
  console.log(
    `  window that fired: ${lens.map((l, k) => `≤${l} h: ${count((r) => r.windowH <= l && (k === 0 || r.windowH > (lens[k - 1] as number)))}`).join(", ")}`,
  );
  console.log(
    `  score over threshold: <1: ${count((r) => r.score - r.threshold < 1)}, 1-3: ${count((r) => r.score - r.threshold >= 1 && r.score - r.threshold < 3)}, ≥3: ${count((r) => r.score - r.threshold >= 3)}`,
  );
  if (list) {
    for (const r of rows) {
      console.log(
        `  ${new Date(r.at).toISOString().slice(0, 16)} ${r.where.padEnd(12)} ${r.kind.padEnd(8)} ${r.side.padEnd(4)} ${r.windowH.toFixed(1).padStart(5)} h obs ${Math.round(r.observed)} exp ${Math.round(r.expected)} (${((r.observed / Math.max(r.expected, 1e-9) - 1) * 100).toFixed(0)} %) score ${r.score.toFixed(1)}/${r.threshold.toFixed(1)} since resolved ${r.sinceResolvedH === null ? "-" : `${r.sinceResolvedH.toFixed(1)} h`}${r.sameSideAsBefore === null ? "" : r.sameSideAsBefore ? " same side" : " other side"}`,
      );
    }
  }
}

/**
 * The mall part alone with changed options, for checking a default change before it ships:
 *   nice -n 15 npx tsx bench/anomaly-mall-try.ts '{"holdOffMs":86400000}' [rule] [seeds]
 * Seeds default to the benchmark's (1-8); choose parameters on others, e.g. `100-123`.
 */
import type { AnomalyOptions } from "../src/alerts/detectors/anomaly.ts";
import { SCAN_DEFAULTS } from "../src/alerts/detectors/anomaly-memo.ts";
import { parseRule } from "../src/alerts/rules.ts";
import { mallPart, SEEDS } from "./anomaly-mall.ts";

const extra = JSON.parse(process.argv[2] ?? "{}") as Partial<AnomalyOptions>;
const rule = parseRule(process.argv[3] ?? "anomaly").rule;
const range = /^(\d+)-(\d+)$/.exec(process.argv[4] ?? "");
const seeds = range
  ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i)
  : SEEDS;
const mall = mallPart(rule, { ...SCAN_DEFAULTS, ...extra }, seeds);
for (const r of mall.rows) console.log(r);
console.log(`worst ${(mall.worstRatio * 100).toFixed(0)} %, false alerts ${mall.fpWeek.toFixed(3)} a week`);

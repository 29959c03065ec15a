/**
 * Checks chart input before any drawing, so a bad hand-over from the report step fails with a
 * sentence naming the field, not with a half-drawn chart.
 */
import { ChartError } from "./errors.ts";
import type { AlertChartInput, TimeSeriesChartInput } from "./types.ts";
import { zoneOffsets } from "./wall-clock.ts";

/** A year of hourly buckets is 8,760; more would take seconds to draw and be unreadable anyway. */
export const MAX_BUCKETS = 10_000;

function fail(message: string): never {
  throw new ChartError("invalid_input", message);
}

function checkTimes(times: readonly number[], what: string): void {
  if (times.length === 0) fail(`${what} has no buckets: a chart needs at least one bucket start.`);
  if (times.length > MAX_BUCKETS)
    fail(`${what} has ${times.length} buckets: at most ${MAX_BUCKETS} can be drawn.`);
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (!Number.isFinite(t)) fail(`${what}: bucket ${i} is not a time (${t}); bucket starts are epoch ms.`);
    if (i > 0 && t <= (times[i - 1] as number))
      fail(`${what}: bucket starts must ascend, but bucket ${i} does not.`);
  }
}

function checkValues(values: readonly (number | null)[], n: number, what: string, nullable = false): void {
  if (values.length !== n)
    fail(`${what} has ${values.length} values for ${n} buckets: they must match one to one.`);
  values.forEach((v, i) => {
    if (v === null && nullable) return;
    if (typeof v !== "number" || !Number.isFinite(v))
      fail(`${what}: value ${i} is ${v}; it must be a finite number.`);
  });
}

export function validateTimeSeries(input: TimeSeriesChartInput): void {
  if (input.series.length === 0) fail("The chart has no series: give at least one.");
  const first = input.series[0] as TimeSeriesChartInput["series"][number];
  checkTimes(first.times, `Series "${first.name}"`);
  for (const s of input.series) {
    const same = s.times.length === first.times.length && s.times.every((t, i) => t === first.times[i]);
    if (!same)
      fail(`Series "${s.name}" has other bucket starts than "${first.name}": all series share one grid.`);
    checkValues(s.values, s.times.length, `Series "${s.name}"`);
  }
  if (input.previous) checkValues(input.previous.values, first.times.length, "The previous period", true);
  zoneOffsets(first.times.slice(0, 1), input.timezone);
}

export function validateAlert(input: AlertChartInput): void {
  checkTimes(input.times, "The alert chart");
  const n = input.times.length;
  checkValues(input.values, n, "The alert chart's values");
  if (input.expected) checkValues(input.expected, n, "The expected values");
  if (input.low) checkValues(input.low, n, "The band's low values");
  if (input.high) checkValues(input.high, n, "The band's high values");
  if ((input.low === undefined) !== (input.high === undefined))
    fail("The expected band needs both low and high.");
  if (input.threshold !== undefined && !Number.isFinite(input.threshold))
    fail("The threshold must be a finite number.");
  const known = new Set(input.times);
  for (const a of input.anomalies ?? []) {
    if (!known.has(a))
      fail(`Anomaly at ${new Date(a).toISOString()} is not one of the chart's bucket starts.`);
  }
  zoneOffsets(input.times.slice(0, 1), input.timezone);
}

/** Small summaries the diagnostic benches print (bench/anomaly-*.ts). */

/** "2,8,30" → [2, 8, 30]; the fallback when the argument is missing. */
export const numberList = (arg: string | undefined, fallback: number[]): number[] =>
  arg ? arg.split(",").map(Number) : fallback;

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Population standard deviation. */
export const sd = (xs: readonly number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

/** The p-quantile by rank (NaN for no values). */
export function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
}

/**
 * One benchmark module per concern (bench/render.ts, bench/anomaly.ts, ...). bench/run.ts runs them
 * all, writes BENCHMARKS.md and bench/results.json. Each module measures its own baseline in the
 * same run, so numbers are comparable on whatever machine runs them.
 */
export interface BenchResult {
  /** Stable id, e.g. "render.png.a72x5m.median". */
  readonly name: string;
  /** "ms", "MB", "score", "ratio", "count", ... */
  readonly unit: string;
  readonly value: number;
  /** Free extra fields: baseline value, target, pass/fail, per-file details. */
  readonly [extra: string]: unknown;
}

export interface BenchSection {
  /** Markdown heading for BENCHMARKS.md. */
  readonly title: string;
  /** Markdown body (tables, notes), without the heading. */
  readonly markdown: string;
  readonly results: readonly BenchResult[];
}

export interface Benchmark {
  readonly id: string;
  run(): Promise<BenchSection>;
}

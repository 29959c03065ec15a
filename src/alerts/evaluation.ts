/** What a detector says about one completed bucket. */
export interface Evaluation {
  /** Bucket start, epoch ms. */
  readonly at: number;
  readonly value: number;
  /** What the rule expected (the reference value for change rules, the seasonal baseline for anomaly). */
  readonly expected: number | null;
  /** Values below `low` or above `high` breach (null = no bound on that side). */
  readonly low: number | null;
  readonly high: number | null;
  /** The bucket breaks the rule. */
  readonly breach: boolean;
  /**
   * The bucket is clearly healthy again: inside the band, or past the threshold with a margin.
   * Neither `breach` nor `recovered` means "in between": an open incident stays open.
   */
  readonly recovered: boolean;
  /** Inside the rule's active hours and days; inactive buckets never change an alert's state. */
  readonly active: boolean;
  /** Not enough history to judge yet; such buckets never change an alert's state either. */
  readonly learning: boolean;
  /** One sentence for people: why it breached, or why it did not judge. */
  readonly reason: string;
}

/** Rounds for display and JSON: counts are whole, bands keep one decimal. */
export function round1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

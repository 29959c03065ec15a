/**
 * The anomaly detector's hold-off (ScanOptions.holdOffMs, anomaly-memo.ts): which of a side's
 * breaches are reported. The memo keeps one `SideEpisodes` per side and calls `episode` for every
 * breaching bucket, `endEpisode` when the series is calm again and `reopen` at a closed hour.
 */

/** One side's alarms, for the hold-off: the open episode, and the last reported one. */
export interface SideEpisodes {
  /** The side breached since the current alarm began. */
  open: boolean;
  /** The open episode is reported (not held back). */
  reported: boolean;
  /** Largest score of the open episode, by the length (buckets) of the window that scored it. */
  readonly peak: Map<number, number>;
  /** Bucket at which the last episode ended (the alarm calm again); -1 before any. */
  lastEnd: number;
  /** The same of the last reported episode; a held-back one must beat it. */
  reportedPeak: Map<number, number>;
}

export const noEpisodes = (): SideEpisodes => ({
  open: false,
  reported: false,
  peak: new Map(),
  lastEnd: -1,
  reportedPeak: new Map(),
});

export function endEpisode(e: SideEpisodes, j: number): void {
  if (!e.open) return;
  e.open = false;
  e.lastEnd = j;
  if (e.reported) e.reportedPeak = new Map(e.peak);
}

/** Windows within this factor of each other in length are the same time scale. */
const SAME_SCALE = 3;

/**
 * The hold-off: whether a side's breach at j is reported. An alarm that begins within `holdOff`
 * buckets after the side's last alarm ended is held back until it is stronger than the last reported
 * one at the same time scale (its score beats that alarm's peak over windows within a factor 3 of
 * the length now scoring): the channel is not told twice about one restless day, but is told about
 * a second, stronger incident (an outage after a slow hour). A closed hour (less than one usage
 * expected in it: a shop's night) ends the hold-off, so a shop's next day starts fresh. Held-back
 * buckets still count as alarmed for the model (the level and the spread leave them out), exactly
 * as reported ones do.
 */
export function episode(
  e: SideEpisodes,
  j: number,
  scan: { readonly score: number; readonly buckets: number },
  holdOff: number,
): boolean {
  if (!e.open) {
    e.open = true;
    e.reported = false;
    e.peak.clear();
  }
  e.peak.set(scan.buckets, Math.max(e.peak.get(scan.buckets) ?? 0, scan.score));
  if (!e.reported) {
    let before = 0;
    for (const [w, p] of e.reportedPeak)
      if (w * SAME_SCALE >= scan.buckets && w <= scan.buckets * SAME_SCALE) before = Math.max(before, p);
    const held = e.lastEnd >= 0 && j - e.lastEnd < holdOff && scan.score < before;
    e.reported = !held;
  }
  return e.reported;
}

/** A closed hour: a side that is calm starts its next alarm free of the hold-off. */
export function reopen(e: SideEpisodes): void {
  if (!e.open) e.lastEnd = -1;
}

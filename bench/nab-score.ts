/**
 * NAB scoring, standard profile (A_TP = 1, A_FP = -0.11, A_FN = -1), as numenta/NAB's
 * `nab/sweeper.py` computes it for one detector threshold: detections are the rows where an alert
 * was sent. Each window scores its best (earliest) detection through the scaled sigmoid, or -1 when
 * it has none; each detection outside a window costs 0.11 × the sigmoid of its distance past the
 * window before it (a full 0.11 when there is none before it); the first 15 % of rows (at most 750)
 * are probation and not scored.
 */

export interface NabWindow {
  readonly start: number;
  readonly end: number;
}

export interface NabScore {
  readonly score: number;
  readonly windowsDetected: number;
  readonly windows: number;
  readonly falsePositives: number;
  readonly fpCost: number;
  /** Score of each scored window (−1 for a miss). */
  readonly windowScores: number[];
}

const PROFILE = { tp: 1, fp: 0.11, fn: 1 };

export function scaledSigmoid(x: number): number {
  if (x >= 3) return -1;
  return 2 / (1 + Math.exp(5 * x)) - 1;
}

export function probationLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
}

/** `times`: every row's timestamp; `detections`: timestamps of rows with an alert. */
export function nabScore(
  times: readonly number[],
  detections: Iterable<number>,
  windows: readonly NabWindow[],
): NabScore {
  const index = new Map<number, number>();
  for (let i = 0; i < times.length; i++) index.set(times[i] as number, i);
  const detected = new Set<number>();
  for (const t of detections) {
    const i = index.get(t);
    if (i === undefined)
      throw new Error(`Detection at ${new Date(t).toISOString()} is not a row of the file.`);
    detected.add(i);
  }
  const limits = windows.map((w) => {
    const a = index.get(w.start);
    const b = index.get(w.end);
    if (a === undefined || b === undefined)
      throw new Error(`Window ${new Date(w.start).toISOString()} does not match rows.`);
    return { a, b };
  });
  const probation = probationLength(times.length);
  const maxTp = scaledSigmoid(-1);
  const windowScore = new Map<number, number>();
  let fpCost = 0;
  let falsePositives = 0;
  let w = 0;
  let inWindow: { a: number; b: number; id: number } | null = null;
  let prev: { b: number; width: number } | null = null;
  for (let i = 0; i < times.length; i++) {
    const lim = limits[w];
    if (inWindow === null && lim !== undefined && i === lim.a) {
      inWindow = { ...lim, id: w };
      w++;
    }
    const scored = i >= probation;
    if (inWindow !== null) {
      if (scored && !windowScore.has(inWindow.id)) windowScore.set(inWindow.id, -PROFILE.fn);
      if (scored && detected.has(i)) {
        const width = inWindow.b - inWindow.a + 1;
        const s = (scaledSigmoid(-(inWindow.b - i + 1) / width) * PROFILE.tp) / maxTp;
        windowScore.set(inWindow.id, Math.max(windowScore.get(inWindow.id) as number, s));
      }
      if (i === inWindow.b) {
        prev = { b: i, width: inWindow.b - inWindow.a + 1 };
        inWindow = null;
      }
    } else if (scored && detected.has(i)) {
      const pos = prev === null ? 3 : Math.abs(prev.b - i) / (prev.width - 1);
      fpCost += scaledSigmoid(pos) * PROFILE.fp;
      falsePositives++;
    }
  }
  const windowScores = [...windowScore.values()];
  const score = windowScores.reduce((a, b) => a + b, 0) + fpCost;
  return {
    score,
    windowsDetected: windowScores.filter((s) => s > -PROFILE.fn).length,
    windows: windowScores.length,
    falsePositives,
    fpCost,
    windowScores,
  };
}

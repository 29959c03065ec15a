/** Levenshtein distance, small inputs only (words people type). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The closest choice when it is close enough to be a typo (" Did you mean `x`?"), else "". */
export function didYouMean(word: string, choices: readonly string[]): string {
  const w = word.toLowerCase().slice(0, 64);
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of choices) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(best.length / 3))
    ? ` Did you mean \`${best}\`?`
    : "";
}

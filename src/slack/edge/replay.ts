/**
 * Remembers the (timestamp, signature) pairs of verified requests until their timestamp is too old
 * to pass the freshness check anyway (5 minutes), so a captured request sent again inside that
 * window is recognised. Only verified pairs are stored, so an outsider cannot fill the set; the cap
 * bounds memory even under a flood of genuine traffic.
 */
export interface ReplayGuardOptions {
  /** How long a pair is remembered after its own timestamp: the freshness window. */
  readonly windowSeconds: number;
  /** At most this many pairs; the oldest is forgotten first. 10 000 ≈ 2 MB, 33 requests/s for 5 min. */
  readonly maxEntries: number;
  readonly now: () => number;
}

export class ReplayGuard {
  /** key → expiry (ms). A Map keeps insertion order, which is close to timestamp order. */
  private readonly seen = new Map<string, number>();
  /** Pairs forgotten to respect the cap before they expired: a sign the cap is too small. */
  evicted = 0;

  constructor(private readonly opts: ReplayGuardOptions) {}

  get size(): number {
    return this.seen.size;
  }

  /** True the first time a pair is offered inside its window; false for every repeat. */
  firstTime(timestampSeconds: number, signature: string): boolean {
    const now = this.opts.now();
    this.sweep(now);
    const key = `${timestampSeconds}:${signature}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.seen.delete(key);
    while (this.seen.size >= this.opts.maxEntries) {
      const oldest = this.seen.keys().next().value as string;
      this.seen.delete(oldest);
      this.evicted += 1;
    }
    this.seen.set(key, (timestampSeconds + this.opts.windowSeconds + 1) * 1000);
    return true;
  }

  /** Drops expired pairs from the front; one slightly out of order waits for the next sweep or the cap. */
  private sweep(now: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry > now) return;
      this.seen.delete(key);
    }
  }
}

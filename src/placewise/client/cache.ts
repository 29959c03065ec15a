import type { LabelValue } from "./response.ts";

/** One series' count in one bucket. Zero counts are not stored: an empty list means "all zero". */
export interface CachedCell {
  readonly key: string;
  readonly label: Readonly<Record<string, LabelValue>>;
  readonly value: number;
}

/**
 * Complete past buckets, least recently used first out. Memory is bounded by cells, not buckets:
 * a bucket of a 1500-place breakdown weighs 1500, an empty bucket 1, so `maxCells` (200 000 by
 * default, roughly 30 MB) holds a month of 5m totals for a dozen queries or a few big breakdowns.
 */
export class BucketCache {
  private readonly entries = new Map<string, readonly CachedCell[]>();
  private weight = 0;

  constructor(private readonly maxCells: number) {}

  private static id(scope: string, bucket: number): string {
    return `${scope}\u0000${bucket}`;
  }

  get(scope: string, bucket: number): readonly CachedCell[] | undefined {
    const id = BucketCache.id(scope, bucket);
    const cells = this.entries.get(id);
    if (cells !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(id);
      this.entries.set(id, cells);
    }
    return cells;
  }

  has(scope: string, bucket: number): boolean {
    return this.entries.has(BucketCache.id(scope, bucket));
  }

  set(scope: string, bucket: number, cells: readonly CachedCell[]): void {
    const w = Math.max(1, cells.length);
    if (w > this.maxCells) return;
    const id = BucketCache.id(scope, bucket);
    const old = this.entries.get(id);
    if (old !== undefined) {
      this.weight -= Math.max(1, old.length);
      this.entries.delete(id);
    }
    this.entries.set(id, cells);
    this.weight += w;
    for (const [oldest, c] of this.entries) {
      if (this.weight <= this.maxCells) break;
      this.entries.delete(oldest);
      this.weight -= Math.max(1, c.length);
    }
  }

  get size(): { buckets: number; cells: number } {
    return { buckets: this.entries.size, cells: this.weight };
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }
}

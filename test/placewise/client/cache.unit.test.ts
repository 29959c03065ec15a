import { describe, expect, it } from "vitest";
import { BucketCache } from "../../../src/placewise/client/cache.ts";

const cell = (n: number) => ({ key: `k${n}`, label: { member_place_id: n }, value: n });

describe("BucketCache", () => {
  it("drops the least recently used buckets once the cells exceed the bound", () => {
    const cache = new BucketCache(5);
    cache.set("s", 1, [cell(1), cell(2)]);
    cache.set("s", 2, []);
    cache.set("s", 3, [cell(3)]);
    expect(cache.size).toEqual({ buckets: 3, cells: 4 });
    cache.get("s", 1); // bucket 2 is now the oldest
    cache.set("s", 4, [cell(4), cell(5)]);
    expect(cache.has("s", 2)).toBe(false);
    expect(cache.has("s", 3)).toBe(true);
    expect(cache.has("s", 1)).toBe(true);
    expect(cache.size).toEqual({ buckets: 3, cells: 5 });
  });

  it("keeps scopes apart and replaces a bucket without double counting", () => {
    const cache = new BucketCache(10);
    cache.set("a", 1, [cell(1)]);
    cache.set("b", 1, [cell(2), cell(3)]);
    cache.set("a", 1, [cell(4)]);
    expect(cache.get("a", 1)).toEqual([cell(4)]);
    expect(cache.size).toEqual({ buckets: 2, cells: 3 });
  });
});

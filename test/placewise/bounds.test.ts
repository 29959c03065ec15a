import { describe, expect, it } from "vitest";
import { toApiTime } from "../../src/placewise/grid.ts";
import type { Query } from "../../src/placewise/query.ts";
import { checkQueryLimits } from "../../src/placewise/retention.ts";
import { parseQuery } from "../../src/placewise/words.ts";
import { InputError } from "../../src/util/errors.ts";

const now = Date.parse("2026-11-25T10:37:00Z"); // 11:37 in Oslo
const ctx = { now, defaultTimezone: "Europe/Oslo" };
const refusal = (text: string): InputError => {
  try {
    parseQuery(text, ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`expected "${text}" to be refused`);
};

describe("dates a range may name", () => {
  it("refuses the 1620-to-2030 range at its first date, with the dates allowed", () => {
    const e = refusal("from 1620-01-01 to 2030-01-01 interval=1mo");
    expect(e.message).toBe(
      "`1620-01-01` is too early: Placewise has no offer usages before 2000-01-01. Give dates from 2000-01-01 to 2026-11-26.",
    );
    expect(e.word).toBe("1620-01-01");
  });

  it("refuses year 0000 and year 9999", () => {
    expect(refusal("from 0000-01-01 to 2025-01-01 interval=1mo").message).toBe(
      "`0000-01-01` is too early: Placewise has no offer usages before 2000-01-01. Give dates from 2000-01-01 to 2026-11-26.",
    );
    expect(refusal("from 2025-01-01 to 9999-12-31 interval=1mo").message).toBe(
      "`9999-12-31` is in the future: there are no usages to count yet. Give dates from 2000-01-01 to 2026-11-26.",
    );
    expect(refusal("since 9999-01-01 interval=1mo").word).toBe("9999-01-01");
  });

  it("accepts the edges: 2000-01-01 at a coarse interval, and tomorrow as the last day", () => {
    expect(parseQuery("from 2000-01-01 to 2026-11-26 interval=1mo", ctx).interval).toBe("1mo");
    expect(refusal("from 2025-11-01 to 2026-11-27 interval=1d").message).toMatch(
      /^`2026-11-27` is in the future/,
    );
  });
});

describe("retention at its boundary", () => {
  it("accepts last 14d at 5 minutes: exactly the 14 days kept, ending at the bucket in progress", () => {
    const q = parseQuery("last 14d interval=5m", ctx);
    expect(toApiTime(q.range.fromMs, "Europe/Oslo")).toBe("2026-11-11T11:35:00.000+01:00");
    expect(toApiTime(q.range.toMs, "Europe/Oslo")).toBe("2026-11-25T11:35:00.000+01:00");
  });

  it("still refuses a day more", () => {
    expect(refusal("last 15d interval=5m").message).toBe(
      "interval=5m cannot reach back to 2026-11-10: 5-minute data is kept for 14 days. Use interval=1h (kept 6 months) or a more recent range.",
    );
  });
});

describe("the bucket limit's hint", () => {
  const query = (interval: Query["interval"], fromIso: string): Query => ({
    range: {
      fromMs: Date.parse(fromIso),
      toMs: now,
      timezone: "UTC",
      label: "the range",
      kind: "absolute",
      previous: { fromMs: now, toMs: now },
    },
    interval,
    filters: [],
    aggregateBy: null,
    customer: null,
  });

  it("never suggests the interval the query already has: a monthly query gets a shorter range", () => {
    expect(() => checkQueryLimits(query("1mo", "1500-01-01T00:00:00Z"), now)).toThrow(
      "the range at interval=1mo is about 6,415 buckets; at most 5000 fit in a digest. Use a shorter range: 5000 buckets at interval=1mo are about 150,000 days.",
    );
  });

  it("suggests a coarser interval when one fits", () => {
    expect(() => checkQueryLimits(query("1w", "1900-01-01T00:00:00Z"), now)).toThrow(
      /is about 6,6\d\d buckets; at most 5000 fit in a digest\. Use interval=1mo or a shorter range\.$/,
    );
  });
});

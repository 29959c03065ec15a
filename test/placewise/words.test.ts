import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toApiTime } from "../../src/placewise/grid.ts";
import { parseQuery } from "../../src/placewise/words.ts";
import { InputError } from "../../src/util/errors.ts";

const now = Date.parse("2026-11-25T10:37:00Z"); // a Wednesday, 11:37 in Oslo
const ctx = { now, defaultTimezone: "Europe/Oslo" };
const local = (ms: number, zone = "Europe/Oslo") => toApiTime(ms, zone);
const fail = (text: string) => {
  try {
    parseQuery(text, ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`expected "${text}" to be refused`);
};

describe("query words", () => {
  it("reads the contract's report line with breakdown and two offer types", () => {
    const q = parseQuery("last 24h interval=1h by=member_gender offer_type=birthday,welcome", ctx);
    expect(q.interval).toBe("1h");
    expect(q.aggregateBy).toBe("member_gender");
    expect(q.filters).toEqual([{ field: "offer_type", values: ["birthday", "welcome"] }]);
    expect(local(q.range.fromMs)).toBe("2026-11-24T11:00:00.000+01:00");
    expect(local(q.range.toMs)).toBe("2026-11-25T11:00:00.000+01:00");
    expect(q.range.previous).toEqual({ fromMs: q.range.fromMs - 86_400_000, toMs: q.range.fromMs });
  });

  it("makes last 7d interval=1d seven whole local days ending last midnight", () => {
    const q = parseQuery("last 7d interval=1d", ctx);
    expect(local(q.range.fromMs)).toBe("2026-11-18T00:00:00.000+01:00");
    expect(local(q.range.toMs)).toBe("2026-11-25T00:00:00.000+01:00");
  });

  it("computes calendar words in the query's zone and compares last week with the week before", () => {
    const lw = parseQuery("last week", ctx);
    expect(local(lw.range.fromMs)).toBe("2026-11-16T00:00:00.000+01:00");
    expect(local(lw.range.toMs)).toBe("2026-11-23T00:00:00.000+01:00");
    expect(local(lw.range.previous.fromMs)).toBe("2026-11-09T00:00:00.000+01:00");
    const y = parseQuery("yesterday tz=America/New_York", ctx);
    expect(local(y.range.fromMs, "America/New_York")).toBe("2026-11-24T00:00:00.000-05:00");
    expect(y.range.timezone).toBe("America/New_York");
    const tw = parseQuery("this week", ctx);
    expect(tw.range.toMs).toBe(now);
    expect(tw.range.previous.toMs - tw.range.previous.fromMs).toBe(tw.range.toMs - tw.range.fromMs);
  });

  it("counts a calendar day across the DST change as 25 hours", () => {
    const q = parseQuery("yesterday", { ...ctx, now: Date.parse("2026-10-26T09:00:00Z") });
    expect(q.range.toMs - q.range.fromMs).toBe(25 * 3_600_000);
  });

  it("includes the end date of from/to and compares with as many days before", () => {
    const q = parseQuery("from 2025-08-01 to 2025-08-27", {
      ...ctx,
      now: Date.parse("2025-09-01T00:00:00Z"),
    });
    expect(local(q.range.fromMs)).toBe("2025-08-01T00:00:00.000+02:00");
    expect(local(q.range.toMs)).toBe("2025-08-28T00:00:00.000+02:00");
    expect(local(q.range.previous.fromMs)).toBe("2025-07-05T00:00:00.000+02:00");
    expect(q.range.label).toBe("2025-08-01 to 2025-08-27");
  });

  it("accepts aliases and club lists", () => {
    const q = parseQuery("last 30d by=gender type=birthday, welcome gender=female club=1000941,1000942", ctx);
    expect(q.aggregateBy).toBe("member_gender");
    expect(q.filters).toContainEqual({ field: "offer_type", values: ["birthday", "welcome"] });
    expect(q.filters).toContainEqual({ field: "member_gender", values: ["female"] });
    expect(q.customer).toBe("id=1000941_1000942");
  });

  it("chooses the interval as the API's auto would", () => {
    expect(parseQuery("last 6h", ctx).interval).toBe("5m");
    expect(parseQuery("last 24h", ctx).interval).toBe("1h");
    expect(parseQuery("last 30d", ctx).interval).toBe("1d");
  });

  it("names the wrong word and the right choices", () => {
    expect(fail("last 7d offer_type=bogus")).toMatch(
      /`offer_type=bogus`: must be one of regular, birthday, exclusive/,
    );
    expect(fail("last 7d interval=2h")).toMatch(/must be one of 5m, 1h, 1d, 1w, 1mo/);
    expect(fail("last 7d by=store_id")).toMatch(/must be one of member_gender, member_age/);
    expect(fail("last 7d gendr=female")).toMatch(/Did you mean `gender`/);
    expect(fail("lst 7d")).toMatch(/Did you mean `last`/);
    expect(fail("last 7d tz=Mars/Base")).toMatch(/IANA name like tz=Europe\/Oslo/);
    expect(fail("last 7d authorized=maybe")).toMatch(/must be true or false/);
    expect(fail("last 7d store_id=abc")).toMatch(/must be a whole number/);
    expect(fail("from 2025-08-27 to 2025-08-01")).toMatch(/ends before it starts/);
    expect(fail("last 7d last 24h")).toMatch(/Two ranges/);
  });

  it("refuses 5-minute data older than 14 days and offers the finest interval that works", () => {
    expect(fail("last 30d interval=5m")).toMatch(/5-minute data is kept for 14 days\. Use interval=1h/);
    expect(fail("from 2025-08-01 interval=5m")).toMatch(/Use interval=1d/);
  });

  it("never throws anything but a clear InputError, whatever is typed", () => {
    const vocabulary = fc.constantFrom(
      "last",
      "this",
      "from",
      "to",
      "since",
      "today",
      "yesterday",
      "week",
      "month",
      "24h",
      "7d",
      "30d",
      "7",
      "days",
      "interval=1h",
      "interval=5m",
      "interval=",
      "by=gender",
      "by=",
      "tz=Europe/Oslo",
      "tz=",
      "club=1",
      "club=x",
      "offer_type=birthday,welcome",
      "offer_type=",
      "type=,",
      "2025-08-01",
      "2026-13-40",
      "=",
      "<!channel>",
      "&",
      "",
    );
    const input = fc.oneof(
      fc.array(vocabulary, { maxLength: 8 }).map((w) => w.join(" ")),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(input, (text) => {
        try {
          const q = parseQuery(text, ctx);
          expect(q.range.toMs).toBeGreaterThan(q.range.fromMs);
          expect(q.range.previous.toMs).toBeLessThanOrEqual(q.range.fromMs);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as Error).message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

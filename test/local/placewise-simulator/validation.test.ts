import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { post, q, validHeaders } from "./helpers.ts";

// Now: Wednesday 2025-09-03 12:00 Oslo.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    testHooks: true,
    clock: new ManualClock(Date.parse("2025-09-03T12:00:00+02:00")),
  });
});
afterAll(() => sim.close());

const DAY = { interval: "1h", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" };
const leaf = (field: string, value: unknown, type = "equal") => ({ type, field, value });

/** [what is wrong, body, field in details, words the message must contain] */
const CASES: [string, Record<string, unknown>, string, string][] = [
  ["an unknown report", { ...DAY, report: "offers_usages" }, "report", "offers_usages_history"],
  [
    "a field that cannot be filtered",
    q({ ...DAY, filter: leaf("member_name", "x") }),
    "filter",
    "member_gender",
  ],
  [
    "an offer type outside the enum",
    q({ ...DAY, filter: leaf("offer_type", "coupon") }),
    "filter",
    "birthday",
  ],
  ["a string for an integer field", q({ ...DAY, filter: leaf("store_id", "12") }), "filter", "integer"],
  [
    "a filter on loyalty_club_id",
    q({ ...DAY, filter: leaf("loyalty_club_id", 1000941) }),
    "filter",
    "X-Customer",
  ],
  [
    "an unknown filter type",
    q({ ...DAY, filter: leaf("store_id", 1, "greater_than") }),
    "filter",
    "greated_than",
  ],
  ["null with a comparison", q({ ...DAY, filter: leaf("store_id", null, "less_than") }), "filter", "IS NULL"],
  ["an empty and", q({ ...DAY, filter: { type: "and", operations: [] } }), "filter", "non-empty"],
  ["an unknown interval", q({ ...DAY, interval: "15m" }), "interval", "5m, 1h, 1d, 1w, 1mo, auto"],
  ["an unknown aggregation", q({ ...DAY, aggregate_by: "store_id" }), "aggregate_by", "member_gender"],
  ["a from without offset", q({ ...DAY, from: "2025-08-27T00:00:00" }), "from", "offset"],
  ["a to that is not a time", q({ ...DAY, to: "tomorrow" }), "to", "ISO 8601"],
  ["from after to", q({ ...DAY, from: "2025-08-29T00:00:00+02:00" }), "to", "later than from"],
  [
    "more than 150 buckets",
    q({ interval: "5m", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" }),
    "interval",
    "150",
  ],
  [
    "5m data older than 14 days",
    q({ interval: "5m", from: "2025-08-19T10:00:00+02:00", to: "2025-08-19T11:00:00+02:00" }),
    "from",
    "14 days",
  ],
  [
    "1h data older than 6 months",
    q({ interval: "1h", from: "2025-03-02T00:00:00+01:00", to: "2025-03-03T00:00:00+01:00" }),
    "from",
    "6 months",
  ],
  [
    "1d data older than 2 years",
    q({ interval: "1d", from: "2023-09-01T00:00:00+02:00", to: "2023-09-10T00:00:00+02:00" }),
    "from",
    "2 years",
  ],
];

describe("parameter validation", () => {
  it.each(CASES)(
    "refuses %s with 422 naming the field and what is allowed",
    async (_, body, field, words) => {
      const r = await post(sim, body);
      expect(r.status).toBe(422);
      expect(r.json.error).toBe("Invalid parameters");
      expect(Object.keys(r.json.details)).toContain(field);
      expect(r.json.details[field].join(" ")).toContain(words);
    },
  );

  it("lists every problem of a body at once", async () => {
    const r = await post(sim, q({ ...DAY, interval: "2h", aggregate_by: "nope" }));
    expect(Object.keys(r.json.details).sort()).toEqual(["aggregate_by", "interval"]);
  });

  it("accepts exactly 150 buckets and old data at 1w and 1mo", async () => {
    expect(
      (
        await post(
          sim,
          q({ interval: "1h", from: "2025-08-20T00:00:00+02:00", to: "2025-08-26T06:00:00+02:00" }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          sim,
          q({ interval: "1w", from: "2021-01-04T00:00:00+01:00", to: "2021-03-01T00:00:00+01:00" }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await post(
          sim,
          q({ interval: "1mo", from: "2020-01-01T00:00:00+01:00", to: "2021-01-01T00:00:00+01:00" }),
        )
      ).status,
    ).toBe(200);
  });

  it("answers 400 to a body that is not JSON", async () => {
    const r = await post(sim, "{report: offers", validHeaders());
    expect(r.status).toBe(400);
    expect(r.json.error).toContain("JSON");
  });

  it("answers 404 to other paths", async () => {
    const res = await fetch(`${sim.url}/v1/reporting/records`, {
      method: "POST",
      headers: validHeaders(),
      body: "{}",
    });
    expect(res.status).toBe(404);
  });
});

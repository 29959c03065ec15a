import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FILTER_FIELD_NAMES } from "../../src/placewise/fields.ts";
import type { Filter } from "../../src/placewise/query.ts";
import { parseQuery } from "../../src/placewise/words.ts";
import { buildReport } from "../../src/report/build.ts";
import { digestMessage } from "../../templates/digest.ts";
import { at, makePrevious, makeQuery, makeResult } from "../report/fixtures.ts";
import { mrkdwnTexts, slackProblems } from "./slack-limits.ts";

const NOW = at("2025-08-02T08:05:00Z"); // 10:05 in Oslo

describe("digest from the words a user types", () => {
  it("titles and totals the contract's report line", () => {
    const query = parseQuery("last 24h interval=1h by=member_gender offer_type=birthday,welcome", {
      now: NOW,
      defaultTimezone: "Europe/Oslo",
    });
    const result = makeResult(query, [
      { label: { member_gender: "female" }, values: new Array(24).fill(1_000) },
      { label: { member_gender: "male" }, values: new Array(24).fill(500) },
    ]);
    const previous = makePrevious(query, [
      { label: { member_gender: "female" }, values: new Array(24).fill(1_200) },
    ]);
    const m = digestMessage(buildReport(result, previous, { now: NOW, dataLagMinutes: 15 }));
    expect(m.text).toContain("Offer usages per hour by member gender, last 24 h, Europe/Oslo");
    // 36,000 against 28,800: +25 %
    expect(m.text).toContain("Total: 36,000 · Change: ▲ +25% vs 28,800");
    expect(m.text).toContain("2025-08-01 10:00 to 2025-08-02 10:00 (Europe/Oslo)");
    expect(mrkdwnTexts(m).join("\n")).toContain("birthday or welcome offers");
  });
});

describe("any report gives a message Slack accepts", () => {
  const text = fc.string({
    unit: fc.constantFrom("<", ">", "&", "!", "@", "a", "é", "😀", " ", "|", "*"),
    maxLength: 400,
  });
  const filter: fc.Arbitrary<Filter> = fc.record({
    field: fc.constantFrom(...FILTER_FIELD_NAMES),
    values: fc.array(fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), {
      minLength: 1,
      maxLength: 600,
    }),
  });

  it("within limits, with every user text escaped", () => {
    fc.assert(
      fc.property(
        fc.array(filter, { maxLength: 10 }),
        fc.array(fc.tuple(text, fc.nat({ max: 1_000_000 })), { maxLength: 20 }),
        fc.boolean(),
        (filters, labels, truncated) => {
          const query = makeQuery({
            from: "2025-08-01T22:00:00Z",
            to: "2025-08-02T22:00:00Z",
            previousFrom: "2025-07-31T22:00:00Z",
            previousTo: "2025-08-01T22:00:00Z",
            aggregateBy: "authorization_type",
            filters,
          });
          const series = labels.map(([name, n]) => ({ label: { authorization_type: name }, values: [n] }));
          const result = makeResult(query, series, {
            truncatedBuckets: truncated ? [at("2025-08-02T00:00:00Z")] : [],
          });
          const report = buildReport(result, null, { now: NOW + 86_400_000, dataLagMinutes: 15 });
          const m = digestMessage(report, {
            chart: { fileId: "F1", altText: "chart" },
            chartFailed: truncated,
          });
          expect(slackProblems(m)).toEqual([]);
          expect(mrkdwnTexts(m).join("\n")).not.toMatch(/<[!@#]/);
          const shares = report.breakdown?.items.reduce((a, i) => a + i.share, 0) ?? 0;
          if (report.total > 0) expect(shares).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 150 },
    );
  });
});

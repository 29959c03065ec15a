import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build.ts";
import { CSV_HEADER, csvButtonValue, csvField, digestCsv, parseCsvRequest } from "../../src/report/csv.ts";
import { InputError } from "../../src/util/errors.ts";
import { at, constant, makeQuery, makeResult } from "./fixtures.ts";

/** A strict RFC 4180 reader for the checks: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith("\r\n")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      expect(c).not.toBe("\n");
      field += c;
    }
  }
  return rows;
}

const SATURDAY = {
  from: "2025-08-01T22:00:00Z",
  to: "2025-08-02T22:00:00Z",
  previousFrom: "2025-07-31T22:00:00Z",
  previousTo: "2025-08-01T22:00:00Z",
};
const AFTER = { now: at("2025-08-03T06:00:00Z"), dataLagMinutes: 15 };

describe("digestCsv", () => {
  it("has one row per bucket and label, local time with its offset and UTC, and sums to the digest's total", () => {
    const q = makeQuery({ ...SATURDAY, aggregateBy: "member_gender" });
    const result = makeResult(q, [
      { label: { member_gender: "female" }, values: constant(24, 7) },
      { label: { member_gender: "male" }, values: constant(24, 3) },
      { label: { member_gender: null }, values: constant(24, 1) },
    ]);
    const csv = digestCsv(result);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(1 + 24 * 3);
    expect(rows[1]).toEqual([
      "2025-08-02T00:00:00+02:00",
      "2025-08-01T22:00:00Z",
      "Europe/Oslo",
      "female",
      "7",
    ]);
    expect(rows[3]).toEqual([
      "2025-08-02T00:00:00+02:00",
      "2025-08-01T22:00:00Z",
      "Europe/Oslo",
      "unknown",
      "1",
    ]);
    const sum = rows.slice(1).reduce((a, r) => a + Number(r[4]), 0);
    const report = buildReport(result, null, AFTER);
    expect(sum).toBe(report.total);
    expect(csv.total).toBe(report.total);
    expect(csv.rows).toBe(72);
    expect(csv.filename).toBe("offer-usages-2025-08-02.csv");
  });

  it("sums to the total with clubs in two zones (local time), each row in its own zone", () => {
    const q = makeQuery({ ...SATURDAY, interval: "1h" });
    const result = makeResult(
      q,
      [
        { zone: "Europe/Oslo", values: constant(24, 2) },
        { zone: "Europe/Helsinki", values: constant(24, 5) },
      ],
      { rangeTimezone: "local" },
    );
    const rows = parseCsv(digestCsv(result).text).slice(1);
    expect(rows.map((r) => r[2])).toContain("Europe/Helsinki");
    const helsinki = rows.find((r) => r[2] === "Europe/Helsinki");
    expect(helsinki?.[0]).toMatch(/\+03:00$/);
    expect(rows.reduce((a, r) => a + Number(r[4]), 0)).toBe(buildReport(result, null, AFTER).total);
  });

  it("names every bucket of the day clocks go back, the repeated hour by its offset", () => {
    const q = makeQuery({
      from: "2026-10-24T22:00:00Z",
      to: "2026-10-25T23:00:00Z",
      previousFrom: "2026-10-23T22:00:00Z",
      previousTo: "2026-10-24T22:00:00Z",
    });
    const rows = parseCsv(digestCsv(makeResult(q, [{ values: constant(25, 1) }])).text).slice(1);
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r[0]?.startsWith("2026-10-25T02:00:00")).map((r) => r[0])).toEqual([
      "2026-10-25T02:00:00+02:00",
      "2026-10-25T02:00:00+01:00",
    ]);
    expect(new Set(rows.map((r) => r[1])).size).toBe(25);
    expect(rows.every((r) => r[3] === "all")).toBe(true);
  });

  it("quotes a field with a comma, a quote or a line break, and only then (RFC 4180)", () => {
    expect(csvField("female")).toBe("female");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(12)).toBe("12");
    const q = makeQuery({ ...SATURDAY, aggregateBy: "member_gender" });
    const text = digestCsv(makeResult(q, [{ label: { member_gender: 'x, "y"' }, values: [4] }])).text;
    expect(parseCsv(text)[1]?.[3]).toBe('x, "y"');
  });
});

describe("the CSV button's value", () => {
  it("carries the words and the instant, and reads back", () => {
    const value = csvButtonValue({
      words: "last 24h interval=1h",
      at: 1756281600000,
      timezone: "Europe/Oslo",
    });
    expect(value).not.toBeNull();
    expect(parseCsvRequest(value as string)).toEqual({
      words: "last 24h interval=1h",
      at: 1756281600000,
      timezone: "Europe/Oslo",
    });
  });

  it("is left off when the words would not fit Slack's 2000 characters", () => {
    expect(csvButtonValue({ words: "x".repeat(2000), at: 1, timezone: "UTC" })).toBeNull();
  });

  it.each(["", "not json", "[]", '{"q":"last 24h","at":"soon","tz":"UTC"}', '{"q":1,"at":1,"tz":"UTC"}'])(
    "refuses a broken value %j with a sentence, not a crash",
    (value) => {
      expect(() => parseCsvRequest(value)).toThrow(InputError);
    },
  );
});

describe("the CSV button's value with Slack's control characters", () => {
  it("carries `<!channel>` escaped, and reads it back as typed", () => {
    const words = "last 7d authorization_type=<!channel>&x";
    const value = csvButtonValue({ words, at: 1, timezone: "UTC" }) as string;
    expect(value).not.toMatch(/[<>&]/);
    expect(parseCsvRequest(value).words).toBe(words);
  });
});

import { describe, expect, it } from "vitest";
import {
  DEFAULT_CHANGE_PERCENT,
  optionWords,
  parseWhen,
  skipDecision,
  splitOptionWords,
  whenFromWord,
} from "../../src/report/conditions.ts";
import type { Report } from "../../src/report/types.ts";
import { InputError } from "../../src/util/errors.ts";
import { skipReasonText } from "../../templates/conditions.ts";

/** Only what skipDecision reads: the total and the compared part of the previous period. */
function numbers(total: number, previous: number | null): Report {
  return {
    total,
    previous:
      previous === null
        ? null
        : { fromMs: 0, toMs: 1, total: previous, comparedTotal: previous, comparedBuckets: 24 },
  } as unknown as Report;
}

describe("when= and csv= words", () => {
  it("takes them out of the query words and leaves the rest as typed", () => {
    expect(splitOptionWords(["last", "24h", "when=changed:20", "interval=1h", "csv=yes"])).toEqual({
      query: ["last", "24h", "interval=1h"],
      options: { when: { kind: "changed", percent: 20 }, csv: true },
    });
    expect(splitOptionWords(["last", "24h"]).options).toEqual({ when: { kind: "always" }, csv: false });
  });

  it("reads `when=changed` as more than 10 %", () => {
    expect(parseWhen("changed")).toEqual({ kind: "changed", percent: DEFAULT_CHANGE_PERCENT });
    expect(DEFAULT_CHANGE_PERCENT).toBe(10);
  });

  it.each([
    ["when=sometimes", "when=always, when=nonzero, when=changed, when=changed:N"],
    ["when=changed:abc", "between 1 and 1000"],
    ["when=changed:0", "between 1 and 1000"],
    ["csv=maybe", "csv=yes"],
  ])("refuses %s, naming what would be right", (word, right) => {
    const e = (() => {
      try {
        splitOptionWords(["last", "24h", word]);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toContain(word.split(":")[0]);
    expect((e as Error).message).toContain(right);
  });

  it("refuses a condition given twice", () => {
    expect(() => splitOptionWords(["when=nonzero", "when=changed"])).toThrow(/twice/);
  });

  it("round-trips through the stored word and back to the words a command would carry", () => {
    for (const w of ["nonzero", "changed:10", "changed:2.5"])
      expect(optionWords({ when: whenFromWord(w), csv: false })).toEqual([`when=${w}`]);
    expect(optionWords({ when: whenFromWord(null), csv: true })).toEqual(["csv=yes"]);
  });
});

describe("skipDecision", () => {
  it("nonzero skips only a digest without usages", () => {
    expect(skipDecision({ kind: "nonzero" }, numbers(0, 5))).toEqual({ skip: true, code: "no_usages" });
    expect(skipDecision({ kind: "nonzero" }, numbers(1, 5))).toEqual({ skip: false });
  });

  it("changed:N posts a move of more than N % either way, and skips one of N % or less", () => {
    const rule = { kind: "changed", percent: 10 } as const;
    expect(skipDecision(rule, numbers(111, 100)).skip).toBe(false);
    expect(skipDecision(rule, numbers(89, 100)).skip).toBe(false);
    expect(skipDecision(rule, numbers(110, 100)).skip).toBe(true);
    const small = skipDecision(rule, numbers(97, 100));
    expect(small).toEqual({ skip: true, code: "unchanged", percent: -3, threshold: 10 });
    if (small.skip) expect(skipReasonText(small)).toBe("changed -3.0% (needs more than 10%)");
  });

  it("changed:N posts when there is nothing to compare with, or usages after none", () => {
    const rule = { kind: "changed", percent: 10 } as const;
    expect(skipDecision(rule, numbers(5, null)).skip).toBe(false);
    expect(skipDecision(rule, numbers(5, 0)).skip).toBe(false);
    expect(skipDecision(rule, numbers(0, 0)).skip).toBe(true);
  });

  it("always never skips", () => {
    expect(skipDecision({ kind: "always" }, numbers(0, 0))).toEqual({ skip: false });
  });
});

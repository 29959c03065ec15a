import { describe, expect, it } from "vitest";
import { splitWords } from "../../src/schedule/words.ts";
import { InputError } from "../../src/util/errors.ts";

describe("splitWords keeps quoted parts together", () => {
  it("straight double quotes", () => {
    expect(splitWords('subscribe cron "*/5 * * * *" tz=Europe/Oslo last 1h')).toEqual([
      "subscribe",
      "cron",
      "*/5 * * * *",
      "tz=Europe/Oslo",
      "last",
      "1h",
    ]);
  });

  it("smart quotes as Slack clients produce them", () => {
    expect(splitWords("cron “*/5 * * * *” last 1h")).toEqual(["cron", "*/5 * * * *", "last", "1h"]);
    expect(splitWords("cron ”0 8 * * 1-5” today")).toEqual(["cron", "0 8 * * 1-5", "today"]);
    expect(splitWords("cron „0 8 * * *“ today")).toEqual(["cron", "0 8 * * *", "today"]);
  });

  it("single quotes, straight and curly, and backticks", () => {
    expect(splitWords("cron '0 8 * * *' x")).toEqual(["cron", "0 8 * * *", "x"]);
    expect(splitWords("cron ‘0 8 * * *’ x")).toEqual(["cron", "0 8 * * *", "x"]);
    expect(splitWords("cron `0 8 * * *` x")).toEqual(["cron", "0 8 * * *", "x"]);
  });

  it("an apostrophe inside a word is not a quote", () => {
    expect(splitWords("don't stop")).toEqual(["don't", "stop"]);
  });

  it("a quote inside a word joins its spaces into that word", () => {
    expect(splitWords('name="weekly report" now')).toEqual(["name=weekly report", "now"]);
  });

  it("collapses runs of whitespace, tabs and newlines", () => {
    expect(splitWords("  daily\t08:00 \n last  24h ")).toEqual(["daily", "08:00", "last", "24h"]);
    expect(splitWords("")).toEqual([]);
  });

  it("keeps an empty quoted word", () => {
    expect(splitWords('a "" b')).toEqual(["a", "", "b"]);
  });

  it("refuses an unclosed quote, saying which quote closes it", () => {
    expect(() => splitWords("cron “*/5 * * * *")).toThrow(InputError);
    expect(() => splitWords("cron “*/5 * * * *")).toThrow(/not closed; close it with ”/);
  });
});

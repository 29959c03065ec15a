import { InputError } from "../util/errors.ts";

// Opening quote → the closers accepted for it. Slack clients (macOS, iOS) turn "…" into “…”,
// and some keyboards close with the same curly quote they opened with, or use „…“.
const DOUBLE: Readonly<Record<string, string>> = {
  '"': '"',
  "“": "”“",
  "”": "”",
  "„": "“”",
  "«": "»",
  "`": "`",
};
// Single quotes open only at the start of a word, so "don't" stays one word.
const SINGLE: Readonly<Record<string, string>> = { "'": "'", "‘": "’‘", "’": "’" };

/**
 * Splits command text on whitespace, keeping a quoted part together without its quotes:
 * `cron “*\/5 * * * *” last 1h` → ["cron", "*\/5 * * * *", "last", "1h"]. A quote may start
 * inside a word (`name="a b"` → `name=a b`). An unclosed quote is refused.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (/\s/.test(ch)) {
      if (word !== "" || quoted) words.push(word);
      word = "";
      quoted = false;
      i++;
      continue;
    }
    const closers = DOUBLE[ch] ?? (word === "" ? SINGLE[ch] : undefined);
    if (closers === undefined) {
      word += ch;
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && !closers.includes(text[end] ?? "")) end++;
    if (end >= text.length) {
      throw new InputError(
        `the quote at \`${text.slice(i, i + 20)}\` is not closed; close it with ${closers[0]}`,
        text.slice(i),
      );
    }
    word += text.slice(i + 1, end);
    quoted = true;
    i = end + 1;
  }
  if (word !== "" || quoted) words.push(word);
  return words;
}

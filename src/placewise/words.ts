/**
 * The query words shared by Slack and the command line:
 *   last 7d interval=1d by=member_gender offer_type=birthday,welcome tz=Europe/Oslo club=1000941
 * `parseQueryWords` checks the words without looking at the clock (so a subscription can be refused
 * at once); `resolveQuery` turns them into instants at a given "now" (the scheduled time of a run).
 * Errors are InputErrors naming the wrong word and the right choices.
 */
import type { Lang } from "../i18n/index.ts";
import { InputError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import { checkQueryBudget } from "./budget.ts";
import { type Aggregation, FILTER_FIELDS, type FilterField, type Interval } from "./fields.ts";
import {
  type FilterKey,
  parseClub,
  parseFilterValues,
  parseInterval,
  parseLanguage,
  parseTimezone,
  resolveAggregation,
  resolveKey,
} from "./keys.ts";
import type { Filter, Query } from "./query.ts";
import { autoInterval, type RangeSpec, resolveRange } from "./range.ts";
import { parseRangeWords, RANGE_HELP } from "./range-words.ts";
import { checkQueryLimits } from "./retention.ts";

export interface QueryWords {
  readonly range: RangeSpec | null;
  readonly interval: Interval | null;
  readonly aggregateBy: Aggregation | null;
  readonly timezone: string | null;
  readonly customer: string | null;
  readonly filters: readonly Filter[];
  /** `lang=`: the language of what the words make (absent or null: the workspace's default). */
  readonly lang?: Lang | null;
}

export interface ResolveContext {
  readonly now: number;
  readonly defaultTimezone: string;
  /** Used when the words name no range; reports default to the last 7 days. */
  readonly defaultRange?: RangeSpec;
}

const DEFAULT_RANGE: RangeSpec = { kind: "rolling", amount: 7, unit: "days" };

const KEY_HELP =
  "interval=, by=, tz=, club=, lang=, offer_type=, offer_id=, store_id=, collection_id=, member_gender=, member_age=, member_place_id=, member_city_place_id=, authorized=, authorization_type=";

/** Splits on blanks, gluing `offer_type=a, b` back into one word. */
export function tokenize(input: string | readonly string[]): string[] {
  const raw = typeof input === "string" ? input.trim().split(/\s+/).filter(Boolean) : [...input];
  const out: string[] = [];
  for (const w of raw) {
    const last = out[out.length - 1];
    if (last?.includes("=") && (last.endsWith(",") || last.endsWith("=")) && !w.includes("=")) {
      out[out.length - 1] = last + w;
    } else {
      out.push(w);
    }
  }
  return out;
}

export function parseQueryWords(input: string | readonly string[]): QueryWords {
  const words = tokenize(input);
  let range: RangeSpec | null = null;
  let interval: Interval | null = null;
  let aggregateBy: Aggregation | null = null;
  let timezone: string | null = null;
  let customer: string | null = null;
  let lang: Lang | null = null;
  const filters = new Map<FilterField, Filter>();
  const seen = new Set<string>();

  for (let i = 0; i < words.length; ) {
    const word = words[i] as string;
    const eq = word.indexOf("=");
    if (eq === -1) {
      const parsed = parseRangeWords(words, i);
      if (parsed === null) {
        throw new InputError(
          `I don't understand \`${word}\`.${didYouMean(word, ["today", "yesterday", "last", "this", "from", "since"])} A query is a range (${RANGE_HELP}) and key=value words (${KEY_HELP}).`,
          word,
        );
      }
      if (range !== null)
        throw new InputError(`Two ranges given (at \`${word}\`): give one range, like \`last 7d\`.`, word);
      range = parsed.spec;
      i = parsed.next;
      continue;
    }
    const rawKey = word.slice(0, eq);
    const value = word.slice(eq + 1);
    const key: FilterKey = resolveKey(rawKey, KEY_HELP);
    if (seen.has(key))
      throw new InputError(`\`${key}\` is given twice: combine the values as ${key}=a,b.`, word);
    seen.add(key);
    if (value === "") throw new InputError(`\`${word}\` has no value: write ${key}=VALUE.`, word);
    if (key === "interval") interval = parseInterval(value);
    else if (key === "by") aggregateBy = resolveAggregation(value);
    else if (key === "tz") timezone = parseTimezone(value);
    else if (key === "club") customer = parseClub(value);
    else if (key === "lang") lang = parseLanguage(value);
    else filters.set(key, { field: key, values: parseFilterValues(key, value, FILTER_FIELDS[key]) });
    i++;
  }
  return { range, interval, aggregateBy, timezone, customer, filters: [...filters.values()], lang };
}

/** The query at `ctx.now` within retention and bucket limits, its cost not checked. */
function resolveWithinLimits(w: QueryWords, ctx: ResolveContext): Query {
  const zone = w.timezone ?? ctx.defaultTimezone;
  const spec = w.range ?? ctx.defaultRange ?? DEFAULT_RANGE;
  const interval = w.interval ?? autoInterval(spec, zone, ctx.now);
  const range = resolveRange(spec, interval, zone, ctx.now);
  const query: Query = {
    range,
    interval,
    filters: w.filters,
    aggregateBy: w.aggregateBy,
    customer: w.customer,
  };
  checkQueryLimits(query, ctx.now);
  return query;
}

/** The query at `ctx.now`, or an InputError: retention, bucket limits and the per-command budget. */
export function resolveQuery(w: QueryWords, ctx: ResolveContext): Query {
  const query = resolveWithinLimits(w, ctx);
  // The range made explicit, so a refusal's cheaper query names the range it was costed for.
  const said = { ...w, range: w.range ?? ctx.defaultRange ?? DEFAULT_RANGE };
  checkQueryBudget(said, query, ctx.now, (other) => resolveWithinLimits(other, ctx));
  return query;
}

/** Words → a valid query at `now`, or an InputError. */
export function parseQuery(input: string | readonly string[], ctx: ResolveContext): Query {
  return resolveQuery(parseQueryWords(input), ctx);
}

/**
 * What one command may cost Placewise, estimated from its plan before anything is sent. A query
 * over the budget is refused with the numbers and a cheaper query that fits (computed and checked
 * with the same estimate), in the same first answer as a retention mistake.
 */
import { InputError } from "../util/errors.ts";
import { buildFilter, estimateTokenCost } from "./client/body.ts";
import { maxBucketsFor } from "./client/plan.ts";
import {
  type Aggregation,
  INTERVALS,
  KNOWN_AGE_GROUPS,
  KNOWN_AUTHORIZATION_TYPES,
  KNOWN_GENDERS,
  MAX_DATA_POINTS,
} from "./fields.ts";
import { bucketCount } from "./grid.ts";
import { previousQuery } from "./previous.ts";
import type { Query } from "./query.ts";
import type { QueryWords } from "./words.ts";
import { queryWordsText } from "./words-text.ts";

/**
 * Requests one command (a report, one scheduled run, an alert's first evaluation) may send. 40
 * requests of 3 tokens are 120 tokens: two minutes of refill at the 1 token/s the client assumes
 * until answers teach it better, so a single command cannot hold a club's bucket for longer than a
 * digest may wait for it (60 s deadline) plus as long again. Everyday queries stay well under it:
 * `last 30d interval=1h` with its comparison month is 10, six months hourly without a breakdown 31.
 */
export const MAX_REQUESTS_PER_COMMAND = 40;

/**
 * Labels a breakdown can have per bucket, from the values the API doc and the seed list, plus
 * `null` (members who did not say). Place ids have no list: a club has as many places as its members
 * live in, thousands in a city club, and the doc bounds nothing but an answer (1000 points). So
 * they count as a full answer per bucket: every bucket may need a request of its own. That is the
 * most the client can send for them (it halves cut requests down to single buckets), so a query
 * estimated to fit cannot be cut into more requests than estimated.
 */
const LABELS: Record<Aggregation, number> = {
  member_gender: KNOWN_GENDERS.length + 1,
  member_age: KNOWN_AGE_GROUPS.length + 1,
  authorized: 3,
  authorization_type: KNOWN_AUTHORIZATION_TYPES.length + 1,
  member_place_id: MAX_DATA_POINTS,
  member_city_place_id: MAX_DATA_POINTS,
};
/**
 * `club=all` selects an organisation's clubs, how many is not known before asking; answers in
 * several zones carry one series per club. Counted as 50, the most clubs `club=` may name.
 */
const CLUBS_IN_ALL = 50;

export interface Cost {
  readonly requests: number;
  readonly tokens: number;
}

/** Non-null points a bucket can hold at most: labels of the breakdown times clubs, up to the cut. */
export function pointsPerBucket(q: Query): number {
  let labels = 1;
  if (q.aggregateBy !== null) {
    labels = LABELS[q.aggregateBy];
    // `by=member_place_id member_place_id=1,2` can only have those labels.
    const own = q.filters.find((f) => f.field === q.aggregateBy);
    if (own !== undefined) labels = Math.min(labels, own.values.length);
  }
  const customer = q.customer ?? "";
  const clubs =
    customer === "all=all" ? CLUBS_IN_ALL : customer.startsWith("id=") ? customer.split("_").length : 1;
  return Math.min(labels * clubs, MAX_DATA_POINTS);
}

/**
 * Requests for one planned request of `size` buckets when every bucket holds `points`: the client
 * re-fetches an answer that reaches the cut in halves, down to single buckets.
 */
function requestsFor(size: number, points: number, memo: Map<number, number>): number {
  if (size <= 1 || size * points < MAX_DATA_POINTS) return 1;
  const known = memo.get(size);
  if (known !== undefined) return known;
  const half = Math.floor(size / 2);
  const n = 1 + requestsFor(half, points, memo) + requestsFor(size - half, points, memo);
  memo.set(size, n);
  return n;
}

/** Most requests and tokens one query can take, nothing cached; the same split as the client's plan. */
export function queryCost(q: Query): Cost {
  const n = bucketCount(q.range.fromMs, q.range.toMs, q.interval, q.range.timezone);
  const max = maxBucketsFor(q);
  const parts = Math.ceil(n / max);
  const points = pointsPerBucket(q);
  const memo = new Map<number, number>();
  let requests = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.floor((n * (p + 1)) / parts) - Math.floor((n * p) / parts);
    requests += requestsFor(size, points, memo);
  }
  return { requests, tokens: requests * estimateTokenCost(buildFilter(q.filters)) };
}

/** A digest fetches its range and the period it is compared with. */
export function digestCost(q: Query, now: number): Cost {
  const current = queryCost(q);
  const prev = previousQuery(q, now);
  if (prev === null) return current;
  const before = queryCost(prev.query);
  return { requests: current.requests + before.requests, tokens: current.tokens + before.tokens };
}

interface Candidate {
  readonly words: QueryWords;
  readonly cost: Cost;
}

/**
 * Cheaper versions of the words that fit, in the order a person would likely prefer: the same
 * range and breakdown at the finest coarser interval that fits, the same without the breakdown,
 * and the longest shorter range (rolling ranges) at the same interval. Each is resolved and
 * estimated like the original, so retention and bucket limits hold for it too.
 */
function cheaper(w: QueryWords, q: Query, cost: (w: QueryWords) => Cost | null): Candidate[] {
  const out: Candidate[] = [];
  const fits = (words: QueryWords): Candidate | null => {
    const c = cost(words);
    return c !== null && c.requests <= MAX_REQUESTS_PER_COMMAND ? { words, cost: c } : null;
  };
  for (const interval of INTERVALS.slice(INTERVALS.indexOf(q.interval) + 1)) {
    const c = fits({ ...w, interval });
    if (c !== null) {
      out.push(c);
      break;
    }
  }
  if (w.aggregateBy !== null) {
    const c = fits({ ...w, aggregateBy: null, interval: q.interval });
    if (c !== null) out.push(c);
  }
  const range = w.range;
  if (range?.kind === "rolling" && range.amount > 1) {
    // Cost grows with the length; the longest length that fits, by bisection.
    let lo = 0;
    let hi = range.amount - 1;
    let best: Candidate | null = null;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi + 1) / 2);
      const c = fits({ ...w, interval: q.interval, range: { ...range, amount: mid } });
      if (c !== null) {
        best = c;
        lo = mid;
      } else hi = mid - 1;
    }
    if (best !== null) out.push(best);
  }
  return out;
}

const about = (c: Cost) => `about ${c.requests.toLocaleString("en")} request${c.requests === 1 ? "" : "s"}`;

/**
 * Refuses a query whose digest would take more than MAX_REQUESTS_PER_COMMAND requests, naming the
 * estimate and up to three cheaper queries that fit. `resolve` turns changed words into a query
 * exactly as the original was (same "now", same zone), or throws when they are not valid.
 */
export function checkQueryBudget(
  w: QueryWords,
  q: Query,
  now: number,
  resolve: (w: QueryWords) => Query,
): void {
  const cost = digestCost(q, now);
  if (cost.requests <= MAX_REQUESTS_PER_COMMAND) return;
  const estimate = (words: QueryWords): Cost | null => {
    try {
      return digestCost(resolve(words), now);
    } catch (e) {
      if (e instanceof InputError) return null;
      throw e;
    }
  };
  const options = cheaper(w, q, estimate).map((c) => `\`${queryWordsText(c.words)}\` (${about(c.cost)})`);
  const offer =
    options.length === 0
      ? "Use a coarser interval, a shorter range or no breakdown."
      : `Try ${options.length === 1 ? options[0] : `${options.slice(0, -1).join(", ")} or ${options.at(-1)}`}.`;
  const why =
    q.aggregateBy !== null && LABELS[q.aggregateBy] >= MAX_DATA_POINTS
      ? ` by=${q.aggregateBy} can have a thousand labels in one bucket, so each bucket may need a request of its own.`
      : "";
  throw new InputError(
    `\`${queryWordsText({ ...w, interval: q.interval })}\` would take ${about(cost)} to Placewise (${cost.tokens.toLocaleString("en")} tokens); one command may use ${MAX_REQUESTS_PER_COMMAND}.${why} ${offer}`,
    q.aggregateBy !== null ? `by=${q.aggregateBy}` : `interval=${q.interval}`,
  );
}

/**
 * Refuses an alert whose first evaluation, which reads its whole history (8 weeks for an anomaly
 * rule) before the cache holds it, would take more than MAX_REQUESTS_PER_COMMAND requests. Later
 * evaluations fetch only the new bucket, so the first is the one to size.
 */
export function checkAlertBudget(history: Query): void {
  const cost = queryCost(history);
  if (cost.requests <= MAX_REQUESTS_PER_COMMAND) return;
  const plain = history.aggregateBy === null ? null : queryCost({ ...history, aggregateBy: null });
  const why =
    history.aggregateBy !== null && LABELS[history.aggregateBy] >= MAX_DATA_POINTS
      ? ` by=${history.aggregateBy} can have a thousand labels in one bucket, so each bucket may need a request of its own.`
      : "";
  const offer =
    plain !== null && plain.requests <= MAX_REQUESTS_PER_COMMAND
      ? `Watch it without by=${history.aggregateBy} (${about(plain)}).`
      : "Watch fewer clubs, or without by=.";
  throw new InputError(
    `This alert's first evaluation reads its history and would take ${about(cost)} to Placewise (${cost.tokens.toLocaleString("en")} tokens); one command may use ${MAX_REQUESTS_PER_COMMAND}.${why} ${offer}`,
    history.aggregateBy !== null ? `by=${history.aggregateBy}` : undefined,
  );
}

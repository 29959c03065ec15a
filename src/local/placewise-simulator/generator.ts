/**
 * The simulated event log. Usages are drawn per 5-minute bucket from a generator seeded by
 * (seed, club, bucket), so every coarser bucket is exactly the sum of its 5-minute buckets and any
 * two queries over the same time see the same events. Days are memoised: a 6-month hourly query
 * touches ~180 days and must answer in well under a second.
 */
import { DateTime, IANAZone } from "luxon";
import {
  KNOWN_AGE_GROUPS,
  KNOWN_AUTHORIZATION_TYPES,
  KNOWN_GENDERS,
  type OfferType,
} from "../../placewise/fields.ts";
import { cumulate, hashInts, pickWeighted, poisson, rng } from "./random.ts";
import { baseRate, campaignOf, localTime, outageOf } from "./rhythm.ts";
import type { ClubInfo, Incident } from "./types.ts";

const BUCKET_MS = 5 * 60_000;
/** Reused buffer for one day's usage times (grows once to the biggest day, ~10k usages); saves GC. */
let scratch = new Float64Array(16_384);
/** Extra hash input that separates the attribute stream from the time stream of a bucket. */
const ATTRIBUTE_STREAM = 7;
/** Index value meaning "null" in the small typed arrays below. */
export const NONE = 255;

/** Who used what, column-wise, one entry per usage of a day. */
export interface Columns {
  /** Index into club.offers. */
  readonly offer: Uint16Array;
  /** Index into KNOWN_GENDERS, NONE when the member did not say. */
  readonly gender: Uint8Array;
  /** Index into KNOWN_AGE_GROUPS, NONE when unknown. */
  readonly age: Uint8Array;
  /** Index into club.memberPlaces. */
  readonly place: Uint16Array;
  /** Index into KNOWN_AUTHORIZATION_TYPES; NONE = not authorized (authorization_type null). */
  readonly authType: Uint8Array;
}

/**
 * One local day of one club; usage times ascend. The attribute columns are drawn from a second
 * random stream only when a filter or aggregation first asks, so plain totals cost ~5x less.
 */
export class DayEvents {
  private cols: Columns | undefined;
  constructor(
    readonly startMs: number,
    readonly endMs: number,
    readonly time: Float64Array,
    private readonly fill: () => Columns,
  ) {}

  get count(): number {
    return this.time.length;
  }

  get columns(): Columns {
    this.cols ??= this.fill();
    return this.cols;
  }
}

// Member mix of a Nordic mall club: mostly women 25-54, ~3 % without a stated gender.
const GENDER_CUM = cumulate([0.56, 0.38, 0.03, 0.03]);
const AGE_CUM = cumulate([0.03, 0.12, 0.24, 0.22, 0.18, 0.13, 0.06, 0.02]);
// 82 % of usages are authorized; of those 72 % by QR code, 18 % NFC, 10 % manually by staff.
const AUTH_CUM = cumulate([0.82 * 0.72, 0.82 * 0.18, 0.82 * 0.1, 0.18]);

function orNone(index: number, known: number): number {
  return index < known ? index : NONE;
}

/** Per-club sampling tables, built once. */
interface ClubTables {
  readonly offers: Float64Array;
  readonly places: Float64Array;
  /** Offer table and extra rate factor while a campaign doubles one type. */
  readonly campaign: Map<OfferType, { offers: Float64Array; boost: number }>;
}

function buildTables(club: ClubInfo): ClubTables {
  const weights = club.offers.map((o) => o.popularity);
  const total = weights.reduce((a, b) => a + b, 0);
  const campaign = new Map<OfferType, { offers: Float64Array; boost: number }>();
  for (const type of ["birthday", "welcome"] as const) {
    const share = club.offers.filter((o) => o.type === type).reduce((a, o) => a + o.popularity, 0) / total;
    campaign.set(type, {
      offers: cumulate(club.offers.map((o) => (o.type === type ? 2 : 1) * o.popularity)),
      boost: 1 + share,
    });
  }
  // Mildly skewed: the nearest places send five times as many members as the farthest.
  const n = club.memberPlaces.length;
  const places = cumulate(club.memberPlaces.map((_, i) => 1 / (1 + (4 * i) / n)));
  return { offers: cumulate(weights), places, campaign };
}

interface DayPlans {
  readonly clubId: number;
  readonly epochDay: number;
  readonly outage: { from: number; to: number } | null;
  readonly type: OfferType | null;
}

export interface UsageModelOptions {
  readonly seed?: number;
  readonly incidents?: readonly Incident[];
  /** Campaign weeks and scanner outages from the seed; default true. */
  readonly builtInEvents?: boolean;
  /** Days kept in memory; ~120 kB per day of the biggest club. */
  readonly cacheDays?: number;
}

export class UsageModel {
  readonly seed: number;
  readonly incidents: readonly Incident[];
  readonly builtInEvents: boolean;
  private readonly cacheDays: number;
  private readonly cache = new Map<string, DayEvents>();
  private readonly tables = new Map<number, ClubTables>();
  private lastPlans: DayPlans | undefined;

  constructor(opts: UsageModelOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.incidents = opts.incidents ?? [];
    this.builtInEvents = opts.builtInEvents ?? true;
    this.cacheDays = opts.cacheDays ?? 800;
  }

  /** The local days of `club` that overlap [fromMs, toMs), in order, from its launch on. */
  days(club: ClubInfo, fromMs: number, toMs: number): DayEvents[] {
    const out: DayEvents[] = [];
    const launch = DateTime.fromISO(club.launchedOn, { zone: club.timezone }).toMillis();
    let start = DateTime.fromMillis(Math.max(fromMs, launch), { zone: club.timezone }).startOf("day");
    while (start.toMillis() < toMs) {
      const next = start.plus({ days: 1 }).startOf("day");
      out.push(this.day(club, start.toMillis(), next.toMillis()));
      start = next;
    }
    return out;
  }

  private day(club: ClubInfo, startMs: number, endMs: number): DayEvents {
    const key = `${club.id}:${startMs}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Re-insert to keep the Map in least-recently-used order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const day = this.generate(club, startMs, endMs);
    this.cache.set(key, day);
    if (this.cache.size > this.cacheDays) this.cache.delete(this.cache.keys().next().value as string);
    return day;
  }

  private clubTables(club: ClubInfo): ClubTables {
    let t = this.tables.get(club.id);
    if (t === undefined) {
      t = buildTables(club);
      this.tables.set(club.id, t);
    }
    return t;
  }

  /** Outage and campaign of one local day; remembered for the 288 buckets of that day. */
  private plansOf(clubId: number, epochDay: number): DayPlans {
    const last = this.lastPlans;
    if (last !== undefined && last.clubId === clubId && last.epochDay === epochDay) return last;
    const plans = {
      clubId,
      epochDay,
      outage: outageOf(this.seed, clubId, epochDay),
      type: campaignOf(this.seed, clubId, epochDay),
    };
    this.lastPlans = plans;
    return plans;
  }

  /** Expected usages in the 5-minute bucket starting at `bucketMs`, and the offer table to draw from. */
  private rate(
    club: ClubInfo,
    bucketMs: number,
    offsetMinutes: number,
  ): { lambda: number; offers: Float64Array } {
    const tables = this.clubTables(club);
    // The bucket's middle minute decides its local hour; buckets never straddle an hour.
    const t = localTime(bucketMs + BUCKET_MS / 2, offsetMinutes);
    let lambda = baseRate(club.weekdayUsages, t) * 5;
    let offers = tables.offers;
    if (this.builtInEvents) {
      const { outage, type } = this.plansOf(club.id, t.epochDay);
      if (outage !== null && t.minuteOfDay >= outage.from && t.minuteOfDay < outage.to) lambda = 0;
      const campaign = type === null ? undefined : tables.campaign.get(type);
      if (campaign !== undefined) {
        lambda *= campaign.boost;
        offers = campaign.offers;
      }
    }
    for (const inc of this.incidents) {
      const mid = bucketMs + BUCKET_MS / 2;
      if (inc.clubId === club.id && mid >= inc.fromMs && mid < inc.toMs) lambda *= inc.factor;
    }
    return { lambda, offers };
  }

  private generate(club: ClubInfo, startMs: number, endMs: number): DayEvents {
    const zone = IANAZone.create(club.timezone);
    // Only the two DST days a year need the offset per bucket; others use the day's one offset.
    const dayOffset = zone.offset(startMs);
    const constant = dayOffset === zone.offset(endMs - 1);
    const counts: number[] = [];
    const tables: Float64Array[] = [];
    let total = 0;
    for (let b = startMs; b < endMs; b += BUCKET_MS) {
      const { lambda, offers } = this.rate(club, b, constant ? dayOffset : zone.offset(b));
      const random = rng(hashInts(this.seed, club.id, b / BUCKET_MS));
      const n = poisson(lambda, random);
      if (total + n > scratch.length) {
        const bigger = new Float64Array(2 * (total + n));
        bigger.set(scratch);
        scratch = bigger;
      }
      for (let i = 0; i < n; i++) scratch[total + i] = b + Math.floor(random() * BUCKET_MS);
      scratch.subarray(total, total + n).sort();
      total += n;
      counts.push(n);
      tables.push(offers);
    }
    const fill = () => this.attributes(club, startMs, counts, tables, total);
    return new DayEvents(startMs, endMs, scratch.slice(0, total), fill);
  }

  /** Attribute columns for a day whose buckets hold `counts` usages, from each bucket's own stream. */
  private attributes(
    club: ClubInfo,
    startMs: number,
    counts: number[],
    tables: Float64Array[],
    total: number,
  ): Columns {
    const places = this.clubTables(club).places;
    const cols = {
      offer: new Uint16Array(total),
      gender: new Uint8Array(total),
      age: new Uint8Array(total),
      place: new Uint16Array(total),
      authType: new Uint8Array(total),
    };
    let e = 0;
    counts.forEach((n, k) => {
      if (n === 0) return;
      const bucket = startMs / BUCKET_MS + k;
      const random = rng(hashInts(this.seed, club.id, bucket, ATTRIBUTE_STREAM));
      const offers = tables[k] as Float64Array;
      for (let i = 0; i < n; i++, e++) {
        cols.offer[e] = pickWeighted(offers, random());
        cols.gender[e] = orNone(pickWeighted(GENDER_CUM, random()), KNOWN_GENDERS.length);
        cols.age[e] = orNone(pickWeighted(AGE_CUM, random()), KNOWN_AGE_GROUPS.length);
        cols.place[e] = pickWeighted(places, random());
        cols.authType[e] = orNone(pickWeighted(AUTH_CUM, random()), KNOWN_AUTHORIZATION_TYPES.length);
      }
    });
    return cols;
  }
}

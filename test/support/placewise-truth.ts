/**
 * Ground truth for tests and benchmarks: exact usage totals straight from the event log, and the
 * campaigns, outages and injected incidents the generator put in on purpose.
 */

import { DateTime } from "luxon";
import { findClub } from "../../src/local/placewise-simulator/clubs.ts";
import { compileFilter, filtersToNode } from "../../src/local/placewise-simulator/filter.ts";
import { UsageModel } from "../../src/local/placewise-simulator/generator.ts";
import type { Simulator } from "../../src/local/placewise-simulator/index.ts";
import { campaignOf, outageOf, weekStartDay } from "../../src/local/placewise-simulator/rhythm.ts";
import type {
  ClubInfo,
  FilterNode,
  Incident,
  KnownEvent,
} from "../../src/local/placewise-simulator/types.ts";
import type { Filter } from "../../src/placewise/query.ts";

const DAY_MS = 86_400_000;

function clubOrThrow(clubId: number): ClubInfo {
  const club = findClub(clubId);
  if (club === undefined) throw new RangeError(`Unknown simulated club ${clubId}: use one of SIM_CLUBS`);
  return club;
}

/** Usages of `clubId` at instants in [fromMs, min(toMs, cutoffMs)) that pass `filter`. */
export function totalOf(
  model: UsageModel,
  clubId: number,
  fromMs: number,
  toMs: number,
  filter: FilterNode | readonly Filter[] | null = null,
  cutoffMs = Number.POSITIVE_INFINITY,
): number {
  const club = clubOrThrow(clubId);
  const node = Array.isArray(filter) ? filtersToNode(filter) : (filter as FilterNode | null);
  const keep = compileFilter(node, club);
  const end = Math.min(toMs, cutoffMs);
  let total = 0;
  for (const day of model.days(club, fromMs, end)) {
    for (let i = 0; i < day.count; i++) {
      const t = day.time[i] as number;
      if (t >= fromMs && t < end && keep(day, i)) total++;
    }
  }
  return total;
}

const models = new Map<number, UsageModel>();

/**
 * Total a simulator started with the same seed (and no incidents) reports for [fromMs, toMs), when
 * the range lies on bucket boundaries and before now minus the data lag.
 */
export function expectedTotal(
  clubId: number,
  fromMs: number,
  toMs: number,
  filter: FilterNode | readonly Filter[] | null = null,
  seed = 1,
): number {
  let model = models.get(seed);
  if (model === undefined) {
    model = new UsageModel({ seed });
    models.set(seed, model);
  }
  return totalOf(model, clubId, fromMs, toMs, filter);
}

function localInstant(epochDay: number, minute: number, zone: string): number {
  const d = new Date(epochDay * DAY_MS);
  return DateTime.fromObject(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: Math.floor(minute / 60),
    },
    { zone },
  ).toMillis();
}

/** Campaign weeks, scanner outages and injected incidents of `clubId` that overlap [fromMs, toMs). */
export function knownEvents(
  model: UsageModel,
  clubId: number,
  askedFromMs: number,
  toMs: number,
): KnownEvent[] {
  const club = clubOrThrow(clubId);
  const zone = club.timezone;
  const out: KnownEvent[] = [];
  const fromMs = Math.max(askedFromMs, DateTime.fromISO(club.launchedOn, { zone }).toMillis());
  const startDay = Math.floor(
    DateTime.fromMillis(fromMs, { zone }).startOf("day").setZone("UTC", { keepLocalTime: true }).toMillis() /
      DAY_MS,
  );
  const endDay = Math.ceil(
    DateTime.fromMillis(toMs, { zone }).setZone("UTC", { keepLocalTime: true }).toMillis() / DAY_MS,
  );
  if (model.builtInEvents) {
    for (let day = weekStartDay(startDay); day < endDay; day += 7) {
      const type = campaignOf(model.seed, clubId, day);
      if (type !== null) {
        const from = localInstant(day, 0, zone);
        const to = localInstant(day + 7, 0, zone);
        if (to > fromMs && from < toMs)
          out.push({ clubId, kind: "campaign", fromMs: from, toMs: to, offerType: type, factor: 2 });
      }
    }
    for (let day = startDay; day < endDay; day++) {
      const o = outageOf(model.seed, clubId, day);
      if (o === null) continue;
      const from = localInstant(day, o.from, zone);
      const to = localInstant(day, o.to, zone);
      if (to > fromMs && from < toMs) out.push({ clubId, kind: "outage", fromMs: from, toMs: to, factor: 0 });
    }
  }
  for (const inc of model.incidents as Incident[]) {
    if (inc.clubId === clubId && inc.toMs > fromMs && inc.fromMs < toMs)
      out.push({ ...inc, kind: "injected" });
  }
  return out.sort((a, b) => a.fromMs - b.fromMs);
}

/** Usages of `clubId` in [fromMs, toMs) as a running simulator serves them now (data lag applied). */
export function simulatorTotal(
  sim: Pick<Simulator, "model" | "dataCutoffMs">,
  clubId: number,
  fromMs: number,
  toMs: number,
  filter: FilterNode | readonly Filter[] | null = null,
): number {
  return totalOf(sim.model, clubId, fromMs, toMs, filter, sim.dataCutoffMs());
}

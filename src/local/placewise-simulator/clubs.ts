/**
 * The simulated clubs. Catalogues are generated from fixed seeds (not the simulator seed), so club
 * ids, stores, offers and member places are the same in every run and can be named in tests.
 */
import { OFFER_TYPES, type OfferType } from "../../placewise/fields.ts";
import { cumulate, pickWeighted, rng } from "./random.ts";
import type { ClubInfo, MemberPlace, OfferInfo } from "./types.ts";

/** How often each offer type appears in a catalogue; regular offers and rewards dominate real clubs. */
const TYPE_FREQUENCY: Record<OfferType, number> = {
  regular: 30,
  birthday: 6,
  exclusive: 10,
  welcome: 6,
  competition: 3,
  reward: 12,
  carbon_offset_item: 1,
  parking: 8,
  parking_exclusive: 3,
  game_prize: 2,
  informational: 1,
};
const TYPE_CUMULATIVE = cumulate(OFFER_TYPES.map((t) => TYPE_FREQUENCY[t]));

interface ClubShape {
  id: number;
  name: string;
  timezone: string;
  weekdayUsages: number;
  launchedOn: string;
  stores: number;
  offers: number;
  collections: number;
  places: number;
  cities: number;
}

function buildClub(shape: ClubShape): ClubInfo {
  const random = rng(shape.id);
  // Ids are offset per club (club 1000941 -> stores 9410001...), so ids never collide between clubs.
  const base = (shape.id % 1000) * 10_000;
  const stores = Array.from({ length: shape.stores }, (_, i) => base + 1 + i);
  const collections = Array.from({ length: shape.collections }, (_, i) => base + 501 + i);
  const cities = Array.from({ length: shape.cities }, (_, i) => base + 801 + i);
  const offers: OfferInfo[] = [];
  for (let i = 0; i < shape.offers; i++) {
    // The first offers cover every type once, so every enum value has usages in every club.
    const type: OfferType =
      i < OFFER_TYPES.length
        ? (OFFER_TYPES[i] as OfferType)
        : (OFFER_TYPES[pickWeighted(TYPE_CUMULATIVE, random())] as OfferType);
    offers.push({
      id: base * 10 + 1001 + i,
      type,
      storeId: stores[Math.floor(random() * stores.length)] as number,
      collectionId:
        random() < 0.7 ? (collections[Math.floor(random() * collections.length)] as number) : null,
      popularity: 0.3 + random() * random() * 3,
    });
  }
  const memberPlaces: MemberPlace[] = Array.from({ length: shape.places }, (_, i) => ({
    id: base * 10 + 50_001 + i,
    // Neighbouring places share a city, with some spill-over, like postcodes in a municipality.
    cityId: cities[
      Math.min(cities.length - 1, Math.floor(((i + random() * 20) / shape.places) * cities.length))
    ] as number,
  }));
  const { id, name, timezone, weekdayUsages, launchedOn } = shape;
  return { id, name, timezone, weekdayUsages, launchedOn, stores, collections, offers, memberPlaces, cities };
}

export const DEFAULT_CLUB_ID = 1000941;

export const SIM_CLUBS: readonly ClubInfo[] = [
  {
    id: DEFAULT_CLUB_ID,
    name: "Storsenter Oslo",
    timezone: "Europe/Oslo",
    weekdayUsages: 1400,
    launchedOn: "2019-04-01",
    stores: 60,
    offers: 45,
    collections: 8,
    places: 400,
    cities: 25,
  },
  {
    id: 1000942,
    name: "Kauppakeskus Helsinki",
    timezone: "Europe/Helsinki",
    weekdayUsages: 700,
    launchedOn: "2021-09-01",
    stores: 40,
    offers: 30,
    collections: 6,
    places: 300,
    cities: 18,
  },
  {
    // Big enough that one day aggregated by member_place_id has well over 1000 series (~1900 of the
    // 2000 places are seen on a weekday at ~7000 usages), which is what forces the 1000-point cut.
    id: 1000943,
    name: "Sandvika Megasenter",
    timezone: "Europe/Oslo",
    weekdayUsages: 7000,
    launchedOn: "2022-03-01",
    stores: 150,
    offers: 120,
    collections: 12,
    places: 2000,
    cities: 40,
  },
].map(buildClub);

export function findClub(id: number): ClubInfo | undefined {
  return SIM_CLUBS.find((c) => c.id === id);
}

/**
 * Reads one field of one simulated usage, as the API would label or filter it. The event log keeps
 * small indexes; this is where they become offer types, ids, genders and places.
 */
import {
  type Aggregation,
  type FilterField,
  KNOWN_AGE_GROUPS,
  KNOWN_AUTHORIZATION_TYPES,
  KNOWN_GENDERS,
} from "../../placewise/fields.ts";
import { type DayEvents, NONE } from "./generator.ts";
import type { ClubInfo } from "./types.ts";

export type Scalar = string | number | boolean | null;
export type Getter = (day: DayEvents, i: number) => Scalar;

function known<T extends string>(values: readonly T[], index: number): T | null {
  return index === NONE ? null : (values[index] as T);
}

/** The getter for `field` in `club`'s catalogue. */
export function attributeGetter(club: ClubInfo, field: FilterField | Aggregation): Getter {
  const offers = club.offers;
  const places = club.memberPlaces;
  switch (field) {
    case "offer_type":
      return (d, i) => offers[d.columns.offer[i] as number]?.type ?? null;
    case "offer_id":
      return (d, i) => offers[d.columns.offer[i] as number]?.id ?? null;
    case "store_id":
      return (d, i) => offers[d.columns.offer[i] as number]?.storeId ?? null;
    case "collection_id":
      return (d, i) => offers[d.columns.offer[i] as number]?.collectionId ?? null;
    case "member_gender":
      return (d, i) => known(KNOWN_GENDERS, d.columns.gender[i] as number);
    case "member_age":
      return (d, i) => known(KNOWN_AGE_GROUPS, d.columns.age[i] as number);
    case "member_place_id":
      return (d, i) => places[d.columns.place[i] as number]?.id ?? null;
    case "member_city_place_id":
      return (d, i) => places[d.columns.place[i] as number]?.cityId ?? null;
    case "authorized":
      return (d, i) => d.columns.authType[i] !== NONE;
    case "authorization_type":
      return (d, i) => known(KNOWN_AUTHORIZATION_TYPES, d.columns.authType[i] as number);
  }
}

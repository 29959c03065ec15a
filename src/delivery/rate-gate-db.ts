import type { Kysely } from "kysely";
import { advanceTat, pruneRateGates, raiseTat } from "../store/rate-gates.ts";
import type { Schema } from "../store/schema.ts";
import { heldTat, type Rate, type RateGate, waitFor } from "./rate-gate.ts";

// Old keys delay nothing; clearing them every 1000 reservations keeps the table near the number of
// channels posted to in the last minutes.
const PRUNE_EVERY = 1_000;
const PRUNE_AFTER_MS = 60 * 60_000;

/**
 * A RateGate every process of a deployment shares through the database (PostgreSQL with several
 * processes): one upsert per call, so processes never take the same slot. Time is the caller's clock.
 */
export class DatabaseRateGate implements RateGate {
  private reservations = 0;
  constructor(private readonly db: Kysely<Schema>) {}

  async reserve(key: string, rate: Rate, now: number): Promise<number> {
    const tat = await advanceTat(this.db, key, now, rate.intervalMs);
    this.reservations += 1;
    if (this.reservations % PRUNE_EVERY === 0) await pruneRateGates(this.db, now - PRUNE_AFTER_MS);
    return waitFor(tat, rate, now);
  }

  async holdUntil(key: string, until: number, rate: Rate): Promise<void> {
    await raiseTat(this.db, key, heldTat(until, rate));
  }
}

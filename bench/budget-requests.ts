/**
 * `npx tsx bench/budget-requests.ts`: Placewise requests of the 180-day by-place report and of the
 * cheaper queries its refusal suggests, estimated and really sent to the simulator (seed 1, club
 * 1000941, "now" 2025-09-03 12:00 Oslo, nothing cached). A measurement of counts, not of time.
 */

import { SIM_TOKENS, startSimulator } from "../src/local/placewise-simulator/index.ts";
import { digestCost } from "../src/placewise/budget.ts";
import { PlacewiseClient } from "../src/placewise/client/client.ts";
import { previousQuery } from "../src/placewise/previous.ts";
import type { Query } from "../src/placewise/query.ts";
import { parseQuery } from "../src/placewise/words.ts";
import { ManualClock } from "../src/util/clock.ts";

const NOW = Date.parse("2025-09-03T12:00:00+02:00");
const ZONE = "Europe/Oslo";

/** A fresh simulator and client (no cache); sleeps move the clock, the bucket is large enough never to refuse. */
async function sent(queries: readonly Query[]): Promise<number> {
  const clock = new ManualClock(NOW);
  const sim = await startSimulator({
    testHooks: true,
    seed: 1,
    clock,
    rateLimit: { capacity: 1_000_000, refillPerSecond: 1000 },
  });
  const client = new PlacewiseClient({
    baseUrl: sim.url,
    userToken: SIM_TOKENS.user,
    customer: "id=1000941",
    clock,
    timeouts: { deadlineMs: 3_600_000 },
    sleep: async (ms) => clock.advance(ms),
  });
  try {
    for (const q of queries) await client.query(q);
    return sim.requests.length;
  } finally {
    await client.close();
    await sim.close();
  }
}

function digestQueries(q: Query): Query[] {
  const prev = previousQuery(q, NOW);
  return prev === null ? [q] : [q, prev.query];
}

async function main(): Promise<void> {
  const ctx = { now: NOW, defaultTimezone: ZONE };
  const asked = "last 180d interval=1h by=member_place_id";
  let refusal = "";
  try {
    parseQuery(asked, ctx);
  } catch (e) {
    refusal = (e as Error).message;
  }
  console.log(`${asked}\n  refused before sending: ${refusal}\n  requests sent: 0`);
  // What it cost before the budget: the same query, built without the check.
  const unchecked: Query = { ...parseQuery("last 180d interval=1h", ctx), aggregateBy: "member_place_id" };
  console.log(`  without the budget it would send: ${await sent(digestQueries(unchecked))}`);
  for (const text of [...refusal.matchAll(/`([^`]+)`/g)].slice(1).map((m) => m[1] as string)) {
    const q = parseQuery(text, ctx);
    console.log(
      `${text}\n  estimated: ${digestCost(q, NOW).requests}, sent: ${await sent(digestQueries(q))}`,
    );
  }
}

await main();

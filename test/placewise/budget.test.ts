/**
 * The per-command budget: estimates are upper bounds of what the client really sends (checked
 * against the simulator), refusals name cheaper queries, and every one of those fits.
 */
import { afterEach, describe, expect, it } from "vitest";
import { chartDrawer } from "../../src/charts/renderer.ts";
import { prepareDigest } from "../../src/pipeline/digest.ts";
import { digestCost, MAX_REQUESTS_PER_COMMAND, queryCost } from "../../src/placewise/budget.ts";
import { previousQuery } from "../../src/placewise/previous.ts";
import { parseQuery } from "../../src/placewise/words.ts";
import { InputError } from "../../src/util/errors.ts";
import { BIG, OSLO, setup } from "./client/sim-fixture.ts";

let env: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const now = Date.parse("2026-11-25T10:37:00Z");
const ctx = { now, defaultTimezone: "Europe/Oslo" };
const refusal = (text: string, c = ctx): string => {
  try {
    parseQuery(text, c);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`expected "${text}" to be refused`);
};
/** The queries a refusal suggests: every `…` but the first (the query refused). */
const suggested = (message: string): string[] =>
  [...message.matchAll(/`([^`]+)`/g)].slice(1).map((m) => m[1] as string);

/** Sends a digest's two queries (range and comparison) and counts what reached the simulator. */
async function fetchDigest(text: string): Promise<{ sent: number; estimate: number }> {
  if (env === undefined) throw new Error("no simulator");
  const at = env.clock.now();
  const q = parseQuery(text, { now: at, defaultTimezone: "Europe/Oslo" });
  const before = env.sim.requests.length;
  await env.client.query(q);
  const prev = previousQuery(q, at);
  if (prev !== null) await env.client.query(prev.query);
  return { sent: env.sim.requests.length - before, estimate: digestCost(q, at).requests };
}

describe("the budget refusal", () => {
  it("names the estimate, the budget and cheaper queries, each of which is accepted", () => {
    for (const text of [
      "last 180d interval=1h by=member_place_id",
      "last 30d by=member_place_id",
      "last 14d interval=5m by=member_age",
      "this month interval=1h by=member_city_place_id",
      "last 7d interval=1h club=all by=member_gender",
      "from 2026-06-01 to 2026-11-20 interval=1h by=member_place_id",
    ]) {
      const message = refusal(text);
      expect(message).toMatch(
        /would take about [\d,]+ requests to Placewise \([\d,]+ tokens\); one command may use 40\./,
      );
      const options = suggested(message);
      expect(options.length).toBeGreaterThan(0);
      for (const option of options) expect(() => parseQuery(option, ctx)).not.toThrow();
    }
  });

  it("refuses the 180-day hourly report by place with the figures a person sees", () => {
    expect(refusal("last 180d interval=1h by=member_place_id")).toBe(
      "`last 180d interval=1h by=member_place_id` would take about 8,973 requests to Placewise (26,919 tokens); one command may use 40. by=member_place_id can have a thousand labels in one bucket, so each bucket may need a request of its own. Try `last 180d interval=1mo by=member_place_id` (about 24 requests) or `last 180d interval=1h` (about 31 requests).",
    );
  });

  it("keeps everyday queries and the contract's examples within the budget", () => {
    for (const text of [
      "last 7d interval=1d",
      "last 24h interval=1h by=member_gender offer_type=birthday,welcome",
      "last 1h interval=5m",
      "last 30d interval=1h",
      "last 90d interval=1h by=member_gender",
      "last 180d interval=1h",
      "last 14d interval=5m",
      "last 7d by=member_place_id",
    ])
      expect(digestCost(parseQuery(text, ctx), now).requests).toBeLessThanOrEqual(MAX_REQUESTS_PER_COMMAND);
  });

  it("counts only the labels a filter on the breakdown field allows", () => {
    const all = parseQuery("last 7d interval=1h by=member_gender", ctx);
    const one = parseQuery("last 7d interval=1h by=member_place_id member_place_id=5", ctx);
    expect(queryCost(one).requests).toBeLessThanOrEqual(queryCost(all).requests);
  });
});

describe("estimates against the simulator", () => {
  it("sends nothing for the refused 180-day query by place", async () => {
    env = await setup();
    await expect(
      prepareDigest("last 180d interval=1h by=member_place_id", env.clock.now(), {
        client: env.client,
        defaultTimezone: "Europe/Oslo",
        charts: chartDrawer(null),
      }),
    ).rejects.toThrow(/one command may use 40/);
    expect(env.sim.requests).toHaveLength(0);
  });

  it("the cheaper query it suggests sends no more requests than estimated, within the budget", async () => {
    env = await setup();
    const { sent, estimate } = await fetchDigest("last 180d interval=1h");
    expect(estimate).toBeLessThanOrEqual(MAX_REQUESTS_PER_COMMAND);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(estimate);
  }, 60_000);

  it("a breakdown by place in the big club, cut at 1000 points per day, stays within its estimate", async () => {
    env = await setup();
    const { sent, estimate } = await fetchDigest(`last 7d interval=1d by=member_place_id club=${BIG}`);
    expect(env.sim.requests.some((r) => r.status === 200)).toBe(true);
    expect(sent).toBeGreaterThan(2);
    expect(sent).toBeLessThanOrEqual(estimate);
  }, 60_000);

  it("a breakdown by age, split at the cut, stays within its estimate", async () => {
    env = await setup();
    const { sent, estimate } = await fetchDigest(`last 30d interval=1h by=member_age club=${OSLO}`);
    expect(sent).toBeLessThanOrEqual(estimate);
  }, 60_000);
});

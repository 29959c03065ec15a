/**
 * The digest step draws its chart on the render pool its deps carry, and a render thread that fails
 * still leaves the digest's text, with the "Chart unavailable" note.
 */
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRenderPool, type RenderPool } from "../../src/charts/pool.ts";
import { chartDrawer } from "../../src/charts/renderer.ts";
import {
  SIM_CLUBS,
  SIM_TOKENS,
  type Simulator,
  startSimulator,
} from "../../src/local/placewise-simulator/index.ts";
import { prepareDigest } from "../../src/pipeline/digest.ts";
import { PlacewiseClient } from "../../src/placewise/client/index.ts";
import { ManualClock } from "../../src/util/clock.ts";

const AT = Date.parse("2026-06-10T08:00:00Z");
const MISBEHAVING = new URL("../charts/pool-fixtures/misbehaving-worker.mjs", import.meta.url);
const WORDS = "last 7d interval=1d by=member_gender";

let sim: Simulator;
let client: PlacewiseClient;
beforeAll(async () => {
  const clock = new ManualClock(AT);
  sim = await startSimulator({ testHooks: true, clock });
  client = new PlacewiseClient({
    baseUrl: sim.url,
    clientToken: SIM_TOKENS.client,
    customer: `id=${SIM_CLUBS[0]?.id}`,
    clock,
  });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

const deps = (pool: RenderPool) => ({ client, defaultTimezone: "Europe/Oslo", charts: chartDrawer(pool) });

describe("a digest whose deps carry a render pool", () => {
  it("carries the chart drawn on a render thread", async () => {
    const pool = openRenderPool({ threads: 1 });
    const onPool: unknown[] = [];
    const counted: RenderPool = {
      ...pool,
      renderTimeSeries: (input, size) => {
        onPool.push(input);
        return pool.renderTimeSeries(input, size);
      },
    };
    try {
      const prepared = await prepareDigest(WORDS, AT, deps(counted));
      expect(prepared.chartError).toBeNull();
      expect(onPool).toHaveLength(1);
      const meta = await sharp(prepared.chart?.png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 1600, 800]);
    } finally {
      await pool.close();
    }
  });

  it("goes out as text with the note when the render thread dies", async () => {
    const pool = openRenderPool({ threads: 1, workerFile: MISBEHAVING });
    try {
      const prepared = await prepareDigest(WORDS, AT, deps(pool));
      expect(prepared.chart).toBeNull();
      expect(prepared.chartError).toMatch(/render thread failed/);
      const message = prepared.message(null);
      expect(message.text).toContain("Chart unavailable.");
      expect(message.text).toContain(prepared.report.total.toLocaleString("en-US"));
    } finally {
      await pool.close();
    }
  });
});

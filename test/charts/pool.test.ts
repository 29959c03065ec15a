import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { ChartError } from "../../src/charts/errors.ts";
import { openRenderPool, type RenderPool } from "../../src/charts/pool.ts";
import { renderAlertChart, renderTimeSeries } from "../../src/charts/render.ts";
import type { TimeSeriesChartInput } from "../../src/charts/types.ts";
import { grid, wave } from "./fixtures.ts";
import { texts } from "./svg.ts";

const OSLO = "Europe/Oslo";
const MISBEHAVING = new URL("./pool-fixtures/misbehaving-worker.mjs", import.meta.url);

/** 90 days of hourly buckets in three series: the flood benchmark's chart. */
function quarter(): TimeSeriesChartInput {
  const times = grid("2026-07-01T00:00", "2026-09-29T00:00", "1h", OSLO);
  return {
    title: "Offer usages per hour, last 90 days, Europe/Oslo",
    subtitle: "by member gender",
    timezone: OSLO,
    interval: "1h",
    series: ["female", "male", "unknown"].map((name, k) => ({
      name,
      times,
      values: wave(times.length, 1 / (k + 1), k),
    })),
  };
}

const pools: RenderPool[] = [];
function open(threads: number, workerFile?: URL): RenderPool {
  const pool = openRenderPool({ threads, ...(workerFile ? { workerFile } : {}) });
  pools.push(pool);
  return pool;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("charts drawn on render threads", () => {
  const pool = open(1);

  it("gives the same PNG as drawing on this thread, text and fonts included", async () => {
    const input = quarter();
    const there = await pool.renderTimeSeries(input);
    const here = await renderTimeSeries(input);
    expect(Buffer.isBuffer(there.png)).toBe(true);
    expect(there.png.equals(here.png)).toBe(true);
    expect(there.svg).toBe(here.svg);
    const meta = await sharp(there.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1600, 800]);
    expect(texts(there.svg)).toContain("Offer usages per hour, last 90 days, Europe/Oslo");
  });

  it("draws alert charts too", async () => {
    const times = grid("2026-10-20", "2026-10-21", "1h", OSLO);
    const input = {
      title: "Offer usages per hour: below 10",
      timezone: OSLO,
      interval: "1h" as const,
      times,
      values: wave(times.length),
      threshold: 10,
      anomalies: [times[3] as number],
    };
    const there = await pool.renderAlertChart(input, { width: 400, height: 200, scale: 1 });
    expect(there.png.equals((await renderAlertChart(input, { width: 400, height: 200, scale: 1 })).png)).toBe(
      true,
    );
    expect([there.width, there.height]).toEqual([400, 200]);
  });

  it("rejects inconsistent data with the ChartError that names the field, as on this thread", async () => {
    const e = await pool.renderTimeSeries({ ...quarter(), timezone: "Oslo" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ChartError);
    expect(e).toMatchObject({ code: "invalid_input" });
    expect((e as Error).message).toMatch(/Unknown time zone "Oslo".*Europe\/Oslo/);
  });
});

describe("a render thread that fails", () => {
  const pool = open(1, MISBEHAVING);
  const task = (title: string, gate?: SharedArrayBuffer) =>
    ({ title, timezone: OSLO, interval: "1h", series: [], gate }) as unknown as TimeSeriesChartInput;

  it("rejects that chart with a ChartError saying the thread failed; the next chart still draws", async () => {
    for (const how of ["throw", "exit"]) {
      const e = await pool.renderTimeSeries(task(how)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ChartError);
      expect(e).toMatchObject({ code: "render_failed" });
      expect((e as Error).message).toMatch(/render thread failed/);
      await expect(pool.renderTimeSeries(task("fine"))).resolves.toMatchObject({ width: 1 });
    }
  });

  it("leaves this thread free: a request is answered while the render thread is held", async () => {
    const gate = new SharedArrayBuffer(4);
    const events: string[] = [];
    const server = createServer((_, res) => res.end("ok"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const held = pool.renderTimeSeries(task("hold", gate)).then(() => events.push("chart"));
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      events.push(`answer ${await res.text()}`);
      // Only now does the render thread go on; the answer could not have waited for it.
      Atomics.store(new Int32Array(gate), 0, 1);
      Atomics.notify(new Int32Array(gate), 0);
      await held;
      expect(events).toEqual(["answer ok", "chart"]);
    } finally {
      server.close();
    }
  });
});

describe("the pool's size", () => {
  it("needs at least one thread", () => {
    expect(() => openRenderPool({ threads: 0 })).toThrow(/at least 1 thread, got 0/);
  });
});

import { describe, expect, it } from "vitest";
import { UsageModel } from "../../../src/local/placewise-simulator/index.ts";
import { knownEvents, totalOf } from "../../support/placewise-truth.ts";

const HOUR = 3_600_000;
const OSLO = 1000941;
const model = new UsageModel({ seed: 1 });
const at = (iso: string) => Date.parse(iso);

describe("simulated traffic", () => {
  it("is near zero at night and busy in opening hours", () => {
    const night = totalOf(model, OSLO, at("2025-08-27T00:00:00+02:00"), at("2025-08-27T08:00:00+02:00"));
    const lunch = totalOf(model, OSLO, at("2025-08-27T12:00:00+02:00"), at("2025-08-27T13:00:00+02:00"));
    expect(night).toBeLessThan(10);
    expect(lunch).toBeGreaterThan(100);
  });

  it("peaks at lunch and after work, above mid-afternoon", () => {
    // Four weekdays together, so Poisson noise (~3 %) cannot flip the order.
    const days = ["2025-08-25", "2025-08-26", "2025-08-27", "2025-08-28"];
    const hour = (h: string) =>
      days.reduce(
        (s, d) => s + totalOf(model, OSLO, at(`${d}T${h}:00:00+02:00`), at(`${d}T${h}:00:00+02:00`) + HOUR),
        0,
      );
    expect(hour("12")).toBeGreaterThan(hour("15"));
    expect(hour("17")).toBeGreaterThan(hour("15"));
  });

  it("doubles the usage of the campaign's offer type during a campaign week", () => {
    const campaign = knownEvents(
      model,
      OSLO,
      at("2025-01-01T00:00:00+01:00"),
      at("2025-09-01T00:00:00+02:00"),
    ).find((e) => e.kind === "campaign");
    expect(campaign).toBeDefined();
    if (campaign === undefined) return;
    const type = { type: "equal", field: "offer_type", value: campaign.offerType } as const;
    const during = totalOf(model, OSLO, campaign.fromMs, campaign.toMs, type);
    const campaigns = knownEvents(model, OSLO, campaign.fromMs - 35 * 24 * HOUR, campaign.fromMs);
    // Compare with the nearest earlier week without a campaign.
    let week = campaign.fromMs - 7 * 24 * HOUR;
    while (campaigns.some((e) => e.kind === "campaign" && e.fromMs === week)) week -= 7 * 24 * HOUR;
    const before = totalOf(model, OSLO, week, week + 7 * 24 * HOUR, type);
    expect(during / before).toBeGreaterThan(1.5);
    expect(during / before).toBeLessThan(2.8);
  });

  it("has hours of zero usages when the QR scanners break", () => {
    const outages = knownEvents(
      model,
      OSLO,
      at("2025-01-01T00:00:00+01:00"),
      at("2025-09-01T00:00:00+02:00"),
    ).filter((e) => e.kind === "outage");
    expect(outages.length).toBeGreaterThan(2);
    for (const o of outages) expect(totalOf(model, OSLO, o.fromMs, o.toMs)).toBe(0);
  });

  it("applies injected incidents: 0 is an outage, 3 a spike", () => {
    const from = at("2025-08-27T12:00:00+02:00");
    const to = from + 2 * HOUR;
    const base = totalOf(model, OSLO, from, to);
    const outage = new UsageModel({
      seed: 1,
      incidents: [{ clubId: OSLO, fromMs: from, toMs: to, factor: 0 }],
    });
    const spike = new UsageModel({
      seed: 1,
      incidents: [{ clubId: OSLO, fromMs: from, toMs: to, factor: 3 }],
    });
    expect(totalOf(outage, OSLO, from, to)).toBe(0);
    expect(totalOf(outage, OSLO, to, to + HOUR)).toBe(totalOf(model, OSLO, to, to + HOUR));
    expect(totalOf(spike, OSLO, from, to) / base).toBeGreaterThan(2.6);
    expect(totalOf(spike, OSLO, from, to) / base).toBeLessThan(3.4);
    expect(knownEvents(spike, OSLO, from, to).map((e) => e.kind)).toContain("injected");
  });

  it("can be run without campaigns and outages for clean baselines", () => {
    const clean = new UsageModel({ seed: 1, builtInEvents: false });
    expect(
      knownEvents(clean, OSLO, at("2025-01-01T00:00:00+01:00"), at("2025-09-01T00:00:00+02:00")),
    ).toEqual([]);
  });

  it("has no usages before the club was launched", () => {
    const helsinki = 1000942; // launched 2021-09-01
    expect(totalOf(model, helsinki, at("2021-08-01T00:00:00+03:00"), at("2021-09-01T00:00:00+03:00"))).toBe(
      0,
    );
    expect(
      totalOf(model, helsinki, at("2021-09-01T00:00:00+03:00"), at("2021-09-02T00:00:00+03:00")),
    ).toBeGreaterThan(300);
  });
});

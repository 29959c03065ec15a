import { afterEach, describe, expect, it } from "vitest";
import type { PlacewiseConfig } from "../../src/config.ts";
import { SIM_TOKENS, type Simulator, startSimulator } from "../../src/local/placewise-simulator/index.ts";
import { openPlacewise, type PlacewiseSource } from "../../src/start/placewise.ts";
import { ManualClock } from "../../src/util/clock.ts";

const clock = new ManualClock(Date.parse("2026-11-25T12:00:00Z"));
const base: PlacewiseConfig = {
  apiUrl: "",
  userToken: null,
  clientToken: null,
  customer: null,
  useSimulator: true,
};
let open: Array<PlacewiseSource | Simulator> = [];
afterEach(async () => {
  for (const o of open) await o.close();
  open = [];
});

describe("the club's own time zone as the default", () => {
  it("is the first simulated club's zone without configuration", async () => {
    const source = await openPlacewise(base, { clock });
    open.push(source);
    expect(source.defaultClubTimezone).toBe("Europe/Oslo");
  });

  it("is asked from the API for a configured customer in another zone", async () => {
    const source = await openPlacewise({ ...base, customer: "id=1000942" }, { clock });
    open.push(source);
    expect(source.defaultClubTimezone).toBe("Europe/Helsinki");
  });

  it("is read from a real API's range_timezone with one request", async () => {
    const sim = await startSimulator({ testHooks: true, clock });
    open.push(sim);
    const source = await openPlacewise(
      {
        apiUrl: sim.url,
        userToken: null,
        clientToken: SIM_TOKENS.client,
        customer: "id=1000942",
        useSimulator: false,
      },
      { clock },
    );
    open.push(source);
    expect(source.defaultClubTimezone).toBe("Europe/Helsinki");
    expect(sim.requests).toHaveLength(1);
  });

  it("falls back (null: DEFAULT_TIMEZONE) when the API refuses, without failing start-up", async () => {
    const sim = await startSimulator({ testHooks: true, clock });
    open.push(sim);
    const source = await openPlacewise(
      {
        apiUrl: sim.url,
        userToken: null,
        clientToken: SIM_TOKENS.clientWithoutPermit,
        customer: "id=1000941",
        useSimulator: false,
      },
      { clock },
    );
    open.push(source);
    expect(source.defaultClubTimezone).toBeNull();
  });
});

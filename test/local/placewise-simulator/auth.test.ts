import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_TOKENS, type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { post, q, validHeaders } from "./helpers.ts";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    testHooks: true,
    clock: new ManualClock(Date.parse("2025-09-03T12:00:00+02:00")),
  });
});
afterAll(() => sim.close());

const BODY = q({ interval: "1h", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" });

function without(name: string, extra: Record<string, string> = {}): Record<string, string> {
  const h = { ...validHeaders(), ...extra };
  delete h[name];
  return h;
}

const CASES: [string, Record<string, string>, number, string][] = [
  ["no X-User-Agent", without("x-user-agent"), 470, "X-User-Agent"],
  ["no credentials", without("authorization"), 470, "Authorization"],
  [
    "an unknown client token",
    without("authorization", { "x-client-authorization": "nope" }),
    401,
    "X-Client-Authorization",
  ],
  ["an unknown user token", { ...validHeaders(), authorization: "Bearer nope" }, 460, "OAuth"],
  ["no X-Customer", without("x-customer"), 470, "X-Customer"],
  ["a malformed X-Customer", validHeaders("club=1000941"), 471, "id=<club id>"],
  ["an unknown club", validHeaders("id=999"), 471, "1000941"],
  [
    "a client token without the report permit",
    without("authorization", { "x-client-authorization": SIM_TOKENS.clientWithoutPermit }),
    403,
    "Reporting:Api:Report:OffersUsagesHistory",
  ],
  [
    "a club without the reporting feature",
    without("authorization", { "x-client-authorization": SIM_TOKENS.clientWithoutFeature }),
    402,
    "not enabled",
  ],
];

describe("headers and credentials", () => {
  it.each(CASES)("refuses %s", async (_, headers, status, words) => {
    const r = await post(sim, BODY, headers);
    expect(r.status).toBe(status);
    expect(r.json.error).toContain(words);
  });

  it("accepts a user token and a client token with the permit", async () => {
    expect((await post(sim, BODY)).status).toBe(200);
    const client = without("authorization", { "x-client-authorization": SIM_TOKENS.client });
    expect((await post(sim, BODY, client)).status).toBe(200);
  });

  it("records every request with its headers, body and status", async () => {
    const before = sim.requests.length;
    await post(sim, BODY, without("x-user-agent"));
    await post(sim, BODY);
    const [bad, good] = sim.requests.slice(before);
    expect(bad?.status).toBe(470);
    expect(good?.status).toBe(200);
    expect(good?.method).toBe("POST");
    expect(good?.path).toBe("/v1/reporting/query");
    expect(good?.headers["x-customer"]).toBe("id=1000941");
    expect(good?.body).toEqual(BODY);
    expect(good?.at).toBe(Date.parse("2025-09-03T12:00:00+02:00"));
  });
});

/** Talks to a running simulator over real HTTP, the way the client does. */
import { SIM_TOKENS, type Simulator } from "../../../src/local/placewise-simulator/index.ts";

export const REPORT = "offers_usages_history";

/** Headers of a valid request for the default club; tests override or drop single entries. */
export function validHeaders(customer = "id=1000941"): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-user-agent": "offer-digest-test/1",
    authorization: `Bearer ${SIM_TOKENS.user}`,
    "x-customer": customer,
  };
}

export interface ApiReply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in the tests
  json: any;
}

export async function post(
  sim: Simulator,
  body: unknown,
  headers: Record<string, string> = validHeaders(),
): Promise<ApiReply> {
  const res = await fetch(`${sim.url}/v1/reporting/query`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === "" ? null : JSON.parse(text) };
}

/** A query body with the report filled in. */
export function q(fields: Record<string, unknown>): Record<string, unknown> {
  return { report: REPORT, ...fields };
}

/** Sum of every non-null value of every series. */
export function total(json: { series: { values: (number | null)[] }[] }): number {
  return json.series.reduce((sum, s) => sum + s.values.reduce<number>((a, v) => a + (v ?? 0), 0), 0);
}

/** Per bucket name, the sum over series. */
export function perBucket(json: {
  time_buckets: string[];
  series: { values: (number | null)[] }[];
}): Map<string, number> {
  const out = new Map<string, number>();
  json.time_buckets.forEach((name, i) => {
    out.set(
      name,
      json.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0),
    );
  });
  return out;
}

/**
 * Header checks in the API's order: X-User-Agent, credentials, then X-Customer. Each failure is a
 * status and an `{"error"}` message that names the header and what it should hold.
 */
import { SIM_CLUBS } from "./clubs.ts";
import type { ClubInfo } from "./types.ts";

/** Credentials the simulator accepts; each client token stands for a different set of permits. */
export const SIM_TOKENS = {
  user: "sim-user-token",
  client: "sim-client-token",
  clientWithoutPermit: "sim-client-token-no-permit",
  clientWithoutFeature: "sim-client-token-no-feature",
} as const;

export type Caller = keyof typeof SIM_TOKENS;
export const REPORT_PERMIT = "Reporting:Api:Report:OffersUsagesHistory";

export interface Rejection {
  readonly status: number;
  readonly error: string;
}

export type HeaderCheck =
  | { ok: true; caller: Caller; clubs: ClubInfo[]; customer: string }
  | ({ ok: false } & Rejection);

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function callerFor(headers: Headers): Caller | Rejection {
  const client = header(headers, "x-client-authorization");
  if (client !== undefined) {
    const found = (Object.keys(SIM_TOKENS) as Caller[]).find((k) => k !== "user" && SIM_TOKENS[k] === client);
    return found ?? { status: 401, error: "Invalid client token in X-Client-Authorization" };
  }
  const auth = header(headers, "authorization");
  if (auth !== undefined) {
    const match = /^Bearer (.+)$/.exec(auth);
    if (match?.[1] === SIM_TOKENS.user) return "user";
    return { status: 460, error: "Invalid OAuth token: Authorization must be 'Bearer <valid user token>'" };
  }
  return {
    status: 470,
    error: "Missing header: Authorization (Bearer user token) or X-Client-Authorization",
  };
}

/** Clubs named by X-Customer: `id=<club>`, `id=a_b`, or `all=all`. */
export function parseCustomer(value: string): ClubInfo[] | string {
  const hint = "use id=<club id>, id=<id>_<id> or all=all";
  if (value === "all=all") return [...SIM_CLUBS];
  const match = /^id=(\d+(?:_\d+)*)$/.exec(value);
  if (match === null) return `X-Customer ${JSON.stringify(value)} is malformed: ${hint}`;
  const ids = [...new Set((match[1] as string).split("_").map(Number))].sort((a, b) => a - b);
  const clubs: ClubInfo[] = [];
  for (const id of ids) {
    const club = SIM_CLUBS.find((c) => c.id === id);
    if (club === undefined) {
      return `X-Customer names unknown loyalty club ${id}: known clubs are ${SIM_CLUBS.map((c) => c.id).join(", ")}`;
    }
    clubs.push(club);
  }
  return clubs;
}

export function checkHeaders(headers: Headers): HeaderCheck {
  if (!header(headers, "x-user-agent")) {
    return { ok: false, status: 470, error: "Missing header: X-User-Agent (e.g. offer-digest/0.1.0)" };
  }
  const caller = callerFor(headers);
  if (typeof caller !== "string") return { ok: false, ...caller };
  const customer = header(headers, "x-customer");
  if (customer === undefined) {
    return { ok: false, status: 470, error: "Missing header: X-Customer (e.g. id=1000941)" };
  }
  const clubs = parseCustomer(customer.trim());
  if (typeof clubs === "string") return { ok: false, status: 471, error: clubs };
  return { ok: true, caller, clubs, customer: customer.trim() };
}

/** 403 without the report's permit, 402 when the club does not have the reporting feature. */
export function checkPermits(caller: Caller): Rejection | null {
  if (caller === "clientWithoutPermit") {
    return {
      status: 403,
      error: `Missing permit: ${REPORT_PERMIT} (and Reporting:Api:Query) for this client token`,
    };
  }
  if (caller === "clientWithoutFeature") {
    return { status: 402, error: "Feature not enabled: reporting is not enabled for this loyalty club" };
  }
  return null;
}

/**
 * `POST /v1/reporting/query` in the API's order: headers (470/401/460/471), JSON (400), the
 * customer's token bucket (429), permits (403/402), parameters (422), then the answer.
 */
import { REPORT_TOKEN_COST } from "../../placewise/fields.ts";
import { checkHeaders, checkPermits } from "./auth.ts";
import { runQuery } from "./evaluate.ts";
import { countLogicalNodes } from "./filter.ts";
import type { UsageModel } from "./generator.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { validateRequest } from "./validate.ts";

export interface QueryContext {
  readonly model: UsageModel;
  readonly limiter: RateLimiter;
  readonly now: () => number;
  readonly dataLagMinutes: number;
  readonly maxDataPoints: number;
}

export interface QueryReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

export function handleQuery(ctx: QueryContext, headers: Record<string, string>, text: string): QueryReply {
  const checked = checkHeaders(headers);
  if (!checked.ok) return { status: checked.status, body: { error: checked.error }, headers: {} };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      status: 400,
      body: { error: "Request body is not valid JSON; send a JSON object" },
      headers: {},
    };
  }
  const filter = typeof body === "object" && body !== null ? (body as { filter?: unknown }).filter : null;
  // One cost rule of the two the docs give: 3 for the report plus 1 per and/or node.
  const cost = REPORT_TOKEN_COST + countLogicalNodes(filter);
  const bucket = `customer:${checked.clubs.map((c) => c.id).join("_")}`;
  const decision = ctx.limiter.take(bucket, cost);
  const rl: Record<string, string> = {
    "ratelimit-bucket": bucket,
    "ratelimit-remaining": String(decision.remaining),
    "ratelimit-cost": String(cost),
  };
  if (!decision.allowed) {
    return {
      status: 429,
      body: { error: `Rate limit exceeded for ${bucket}: retry after ${decision.retryAfterSeconds} s` },
      headers: { ...rl, "retry-after": String(decision.retryAfterSeconds) },
    };
  }
  const denied = checkPermits(checked.caller);
  if (denied !== null) return { status: denied.status, body: { error: denied.error }, headers: rl };
  const now = ctx.now();
  const valid = validateRequest(body, checked.clubs, now);
  if (!valid.ok)
    return { status: 422, body: { error: "Invalid parameters", details: valid.details }, headers: rl };
  const cutoff = now - ctx.dataLagMinutes * 60_000;
  return {
    status: 200,
    body: runQuery(ctx.model, checked.clubs, valid.request, cutoff, ctx.maxDataPoints),
    headers: rl,
  };
}

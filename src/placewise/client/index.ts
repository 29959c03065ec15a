/**
 * The Placewise Reporting client for `offers_usages_history`. One query flows:
 *   plan.ts      query grid -> requests of <= 150 buckets (cached buckets skipped)
 *   exchange.ts  one request: pacer.ts (tokens) -> http.ts (undici) -> status.ts / response.ts,
 *                retried by retry.ts, shared by inflight.ts when identical
 *   client.ts    cut answers (data_points >= 1000) re-fetched in halves (queue.ts), complete
 *                buckets kept in cache.ts, everything laid on the full grid by merge.ts
 * Series order in a result: total descending, then label ascending.
 */
export type { ApiFilter, ApiRequestBody } from "./body.ts";
export { buildBody, buildFilter, estimateTokenCost } from "./body.ts";
export { PlacewiseClient } from "./client.ts";
export type { ClientStats } from "./exchange.ts";
export { QUERY_PATH } from "./exchange.ts";
export type { SparseSeries } from "./merge.ts";
export { mergeOntoGrid, sparseFromResponse } from "./merge.ts";
export type { PlacewiseClientOptions } from "./options.ts";
export type { Priority } from "./pacer.ts";
export { SCHEDULED_RESERVE_SHARE } from "./pacer.ts";
export type { PlannedRequest } from "./plan.ts";
export { planRequests, queryGrid, splitInHalves } from "./plan.ts";
export type { ApiResponse, ApiSeries } from "./response.ts";
export { parseResponse } from "./response.ts";
export { retryDelayMs } from "./retry.ts";

export { createDelivery, type DeliveryOptions, withImage } from "./delivery.ts";
export { type Classified, classifySlackError, DeliveryError, type FailureKind } from "./errors.ts";
export { DEFAULT_EVENT_TYPE, findByRunKey, withRunKey } from "./run-key.ts";
export type * from "./types.ts";

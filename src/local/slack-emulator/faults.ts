import type { Fault } from "./types.ts";

/** Injected failures, consumed in order: the first matching fault answers the next call of its method. */
export class FaultQueue {
  private readonly faults: Array<Fault & { left: number }> = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.faults.length = 0;
  }

  take(method: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.method === method);
    if (i === -1) return undefined;
    const fault = this.faults[i] as Fault & { left: number };
    fault.left -= 1;
    if (fault.left <= 0) this.faults.splice(i, 1);
    return fault;
  }
}

/** The HTTP answer a fault gives: 429 with Retry-After, a 5xx, or a 200 carrying a Slack error. */
export function faultResponse(f: Fault): { status: number; headers: Record<string, string>; body: string } {
  const jsonType = { "content-type": "application/json; charset=utf-8" };
  if (f.status === 429) {
    return {
      status: 429,
      headers: { ...jsonType, "retry-after": String(f.retryAfterSeconds ?? 1) },
      body: JSON.stringify({ ok: false, error: f.error ?? "ratelimited" }),
    };
  }
  if (f.status !== undefined) {
    if (f.html) {
      const page = `<html><head><title>Server Error</title></head><body><h1>${f.status}</h1></body></html>`;
      return { status: f.status, headers: { "content-type": "text/html" }, body: page };
    }
    return {
      status: f.status,
      headers: jsonType,
      body: JSON.stringify({ ok: false, error: f.error ?? "internal_error" }),
    };
  }
  return {
    status: 200,
    headers: jsonType,
    body: JSON.stringify({ ok: false, error: f.error ?? "internal_error" }),
  };
}

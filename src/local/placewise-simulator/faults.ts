/** Queued faults: each takes the next `times` API requests, in the order they were injected. */
import type { Fault } from "./types.ts";

const KINDS = ["status", "hang", "malformed", "reset"] as const;

/** A fault from untrusted JSON (the admin endpoint), or a message saying what is wrong. */
export function parseFault(input: unknown): Fault | string {
  if (typeof input !== "object" || input === null)
    return `a fault must be an object like {"kind": "status", "status": 503}`;
  const f = input as Record<string, unknown>;
  if (!(KINDS as readonly unknown[]).includes(f.kind)) return `kind must be one of ${KINDS.join(", ")}`;
  if (
    f.kind === "status" &&
    (!Number.isInteger(f.status) || (f.status as number) < 100 || (f.status as number) > 599)
  ) {
    return `a status fault needs "status" between 100 and 599`;
  }
  if (f.times !== undefined && (!Number.isInteger(f.times) || (f.times as number) < 1))
    return `times must be a positive integer`;
  return f as unknown as Fault;
}

export class FaultQueue {
  private readonly queue: { fault: Fault; left: number }[] = [];

  add(fault: Fault): void {
    this.queue.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** The fault for the request arriving now, if any; uses up one of its `times`. */
  next(): Fault | undefined {
    const head = this.queue[0];
    if (head === undefined) return undefined;
    head.left--;
    if (head.left <= 0) this.queue.shift();
    return head.fault;
  }
}

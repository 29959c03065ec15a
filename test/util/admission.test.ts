/**
 * The report limiter on its own: who gets a turn, who waits, who hears "no", and that a turn comes
 * back whatever the job did. No timers: jobs are promises the test settles by hand.
 */
import { describe, expect, test } from "vitest";
import { Admission } from "../../src/util/admission.ts";

function gate(): { promise: Promise<void>; open: () => void; fail: (e: Error) => void } {
  let open = () => {};
  let fail: (e: Error) => void = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("Admission", () => {
  test("with 1 slot and 2 queue places a 4th report is refused at once; the others run in the order they came", async () => {
    const a = new Admission(1, 2);
    const started: string[] = [];
    const gates = { A: gate(), B: gate(), C: gate() };
    const places = (["A", "B", "C"] as const).map((name) => {
      const place = a.tryReserve();
      expect(place, name).not.toBeNull();
      return place?.run(async () => {
        started.push(name);
        await gates[name].promise;
        return name;
      });
    });
    expect(a.tryReserve()).toBeNull();
    expect(a.load).toEqual({ running: 1, queued: 2 });
    await settle();
    expect(started).toEqual(["A"]);
    gates.A.open();
    await settle();
    expect(started).toEqual(["A", "B"]);
    // A's slot went to B; the queue place B left is open to a newcomer, who goes after C.
    const late = a.tryReserve()?.run(async () => {
      started.push("D");
      return "D";
    });
    expect(a.tryReserve()).toBeNull();
    gates.B.open();
    gates.C.open();
    expect(await Promise.all([...places, late])).toEqual(["A", "B", "C", "D"]);
    expect(started).toEqual(["A", "B", "C", "D"]);
    expect(a.load).toEqual({ running: 0, queued: 0 });
  });

  test("a failing report frees its slot for the next one and its error reaches the caller", async () => {
    const a = new Admission(1, 1);
    const failing = a.tryReserve()?.run(async () => {
      throw new Error("Placewise is unavailable");
    });
    const next = a.tryReserve()?.run(async () => "posted");
    await expect(failing).rejects.toThrow("Placewise is unavailable");
    expect(await next).toBe("posted");
    await a.idle();
    expect(a.load).toEqual({ running: 0, queued: 0 });
  });

  test("a place given back unused (its ack failed) lets the next one move up", async () => {
    const a = new Admission(1, 1);
    const first = a.tryReserve();
    const second = a.tryReserve();
    expect(a.tryReserve()).toBeNull();
    second?.cancel();
    expect(a.load).toEqual({ running: 1, queued: 0 });
    first?.cancel();
    expect(a.load).toEqual({ running: 0, queued: 0 });
    expect(await a.tryReserve()?.run(async () => "ran")).toBe("ran");
  });

  test("a place runs one job only", async () => {
    const a = new Admission(2, 0);
    const place = a.tryReserve();
    await place?.run(async () => {});
    await expect(place?.run(async () => {})).rejects.toThrow("one job only");
    expect(a.load).toEqual({ running: 0, queued: 0 });
  });

  test("run() with an unbounded queue (the worker's runs) takes every job, in order, 2 at a time", async () => {
    const a = new Admission(2, Number.POSITIVE_INFINITY);
    const gates = Array.from({ length: 5 }, gate);
    const order: number[] = [];
    const done = gates.map((g, i) =>
      a.run(async () => {
        order.push(i);
        await g.promise;
      }),
    );
    expect(a.load).toEqual({ running: 2, queued: 3 });
    for (const g of gates) g.open();
    await Promise.all(done);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(a.load).toEqual({ running: 0, queued: 0 });
  });

  test("run() on a full bounded queue rejects at once and runs nothing", async () => {
    const a = new Admission(1, 0);
    const g = gate();
    const first = a.run(() => g.promise);
    let ran = false;
    await expect(
      a.run(async () => {
        ran = true;
      }),
    ).rejects.toThrow("every slot and queue place is taken");
    expect(ran).toBe(false);
    g.open();
    await first;
  });
});

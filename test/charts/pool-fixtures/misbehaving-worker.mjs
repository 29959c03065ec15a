// A render thread that misbehaves on request, for test/charts/pool.test.ts. The task's title says
// how: "throw" throws a plain Error, "exit" ends the thread, "hold" keeps the thread busy (not
// waiting on I/O: blocked, as a long Vega render is) until the main thread sets the shared flag.
export default function misbehave(task) {
  const how = task.input.title;
  if (how === "throw") throw new Error("a render that throws");
  if (how === "exit") process.exit(3);
  if (how === "hold") {
    const flag = new Int32Array(task.input.gate);
    Atomics.wait(flag, 0, 0);
  }
  return { ok: true, png: new Uint8Array([1]), svg: "<svg/>", width: 1, height: 1, svgMs: 0, pngMs: 0 };
}

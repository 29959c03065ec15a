// A render thread that misbehaves, for the pool tests. The chart's title says how: "fine" draws a
// 1-pixel stand-in, "throw" throws a plain Error, "hold" keeps the thread busy (blocked, as a long
// Vega render is, not waiting on I/O) until the main thread sets the shared flag; any other title
// (a real digest's) ends the thread.
export default function misbehave(task) {
  const how = task.input.title;
  if (how === "throw") throw new Error("a render that throws");
  if (how !== "fine" && how !== "hold") process.exit(3);
  if (how === "hold") {
    const flag = new Int32Array(task.input.gate);
    Atomics.wait(flag, 0, 0);
  }
  return { ok: true, png: new Uint8Array([1]), svg: "<svg/>", width: 1, height: 1, svgMs: 0, pngMs: 0 };
}

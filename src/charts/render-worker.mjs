// Entry of a render thread (pool.ts). Plain JavaScript so a worker thread can start it without a
// TypeScript loader. In a build (dist/, `npm run build`) render-job.js sits beside it and loads as
// it is; from the sources it registers tsx for this thread, then loads the TypeScript render code.
// Registering here works both under `node bin/offer-digest.js` (whose tsx hooks the thread does not
// inherit) and under vitest (which compiles TypeScript itself, not through Node's loader).
import { existsSync } from "node:fs";

const compiled = new URL("./render-job.js", import.meta.url);
let job;
if (existsSync(compiled)) {
  job = await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  job = await import("./render-job.ts");
}

export default job.renderJob;

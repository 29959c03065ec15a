// Entry of a render thread (pool.ts). Plain JavaScript so a worker thread can start it without a
// TypeScript loader; it registers tsx for this thread, then loads the TypeScript render code.
// Registering here works both under `node bin/offer-digest.js` (whose tsx hooks the thread does not
// inherit) and under vitest (which compiles TypeScript itself, not through Node's loader).
import { register } from "tsx/esm/api";

register();
const { renderJob } = await import("./render-job.ts");

export default renderJob;

#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ when `npm run build` made it from exactly these sources
// (bin/source-hash.js), else the TypeScript through tsx's loader in this same process, so
// `npm ci && npm start` needs no build step. Compiled, each process holds about 110 MB less: no
// loader thread and no compiled sources kept in memory, in every render thread too (BENCHMARKS.md,
// burst part). Either way signals reach the command directly.
import { fileURLToPath, pathToFileURL } from "node:url";
import { compiledEntry } from "./source-hash.js";

const entry = compiledEntry(fileURLToPath(new URL("..", import.meta.url)));
if (entry !== null) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}

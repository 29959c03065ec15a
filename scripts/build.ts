/**
 * `npm run build`: compiles the TypeScript to plain JavaScript in dist/ (tsc with
 * tsconfig.build.json, which rewrites the `.ts` in imports to `.js`), copies what is not TypeScript
 * (the render thread's entry, the sandbox page, the fonts, package.json) to the same places, and
 * writes the sources' fingerprint last (bin/source-hash.js). bin/offer-digest.js then runs dist/
 * instead of tsx, as long as the sources stay as they were built.
 *
 * `--out DIR` builds elsewhere (tests). The build goes to a fresh directory that replaces the old
 * one at the end, so a failed build leaves no half-written dist/ to be picked up.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HASH_FILE, sourceHash } from "../bin/source-hash.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const out = resolve(root, outArg === -1 ? "dist" : (process.argv[outArg + 1] ?? "dist"));
const building = `${out}.building`;

/** Every file under `dir` that tsc does not emit (not .ts), copied to the same path under `to`. */
function copyOthers(dir: string, to: string): number {
  let copied = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, e.name);
    if (e.isDirectory()) copied += copyOthers(from, join(to, e.name));
    else if (e.isFile() && !e.name.endsWith(".ts")) {
      mkdirSync(to, { recursive: true });
      cpSync(from, join(to, e.name));
      copied += 1;
    }
  }
  return copied;
}

const started = Date.now();
const hash = sourceHash(root);
rmSync(building, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [
    join(root, "node_modules/typescript/bin/tsc"),
    "-p",
    join(root, "tsconfig.build.json"),
    "--outDir",
    building,
  ],
  { cwd: root, stdio: "inherit" },
);
if (tsc.status !== 0) {
  rmSync(building, { recursive: true, force: true });
  console.error("build: tsc failed; dist/ is unchanged");
  process.exit(1);
}
let copied = 0;
for (const dir of ["src", "jobs", "templates"]) copied += copyOthers(join(root, dir), join(building, dir));
cpSync(join(root, "assets"), join(building, "assets"), { recursive: true });
cpSync(join(root, "package.json"), join(building, "package.json"));
writeFileSync(join(building, HASH_FILE), `${hash}\n`);
if (existsSync(out)) rmSync(out, { recursive: true, force: true });
renameSync(building, out);
console.log(`build: ${out} in ${Date.now() - started} ms (${copied} files copied beside the compiled ones)`);

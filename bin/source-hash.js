// The fingerprint of the sources `npm run build` compiles (scripts/build.ts writes it into dist/):
// every file under src/, jobs/, templates/ and bin/, with its path, plus the build's tsconfig.
// bin/offer-digest.js runs dist/ only when the fingerprint there is this one, so an edited source is
// never served from a stale build. Reading ~350 files takes a few milliseconds.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const SOURCE_DIRS = ["src", "jobs", "templates", "bin"];
export const SOURCE_FILES = ["tsconfig.json", "tsconfig.build.json"];
export const HASH_FILE = "source-hash";

/** @param {string} root the repository's directory */
export function sourceHash(root) {
  const hash = createHash("sha256");
  const add = (path) => {
    hash.update(relative(root, path).split(sep).join("/"));
    hash.update("\0");
    hash.update(readFileSync(path));
    hash.update("\0");
  };
  const walk = (dir) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) add(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of SOURCE_FILES) if (existsSync(join(root, file))) add(join(root, file));
  return hash.digest("hex");
}

/**
 * The compiled CLI's path when `<root>/dist` was built from exactly these sources, else null.
 * @param {string} root
 * @param {string} [dist]
 */
export function compiledEntry(root, dist = join(root, "dist")) {
  const entry = join(dist, "src", "cli.js");
  const stamp = join(dist, HASH_FILE);
  if (!existsSync(entry) || !existsSync(stamp)) return null;
  return readFileSync(stamp, "utf8").trim() === sourceHash(root) ? entry : null;
}

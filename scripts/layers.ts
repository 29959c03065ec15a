/**
 * The layer check: data flows one way (ARCHITECTURE.md, "Layers"), and this keeps the imports so.
 * Every relative import in src/, jobs/ and templates/ must point to the same part or to a part in a
 * lower layer. Parts on the same layer (jobs/ and src/slack/) are peers and must not import each
 * other. `npm test` runs it; `npx tsx scripts/layers.ts` prints each wrong import with its line.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** A part of the house: the path prefixes it owns (a folder, or one file). */
export interface Part {
  readonly name: string;
  readonly paths: readonly string[];
}

/**
 * Lowest first; parts in one inner list share a layer and are peers. The longest matching prefix
 * names a file's part.
 */
export const LAYERS: readonly (readonly Part[])[] = [
  [
    { name: "util", paths: ["src/util"] },
    { name: "i18n", paths: ["src/i18n"] },
  ],
  [{ name: "config", paths: ["src/config.ts"] }],
  [
    { name: "placewise", paths: ["src/placewise"] },
    { name: "schedule", paths: ["src/schedule"] },
  ],
  [
    { name: "report", paths: ["src/report"] },
    { name: "alerts", paths: ["src/alerts"] },
  ],
  [{ name: "charts", paths: ["src/charts"] }],
  [{ name: "templates", paths: ["templates"] }],
  [{ name: "store", paths: ["src/store"] }],
  [{ name: "delivery", paths: ["src/delivery"] }],
  [{ name: "pipeline", paths: ["src/pipeline"] }],
  [{ name: "app", paths: ["src/app"] }],
  [
    { name: "jobs", paths: ["jobs"] },
    { name: "slack", paths: ["src/slack"] },
  ],
  [{ name: "local", paths: ["src/local"] }],
  [{ name: "entry", paths: ["src/runtime.ts", "src/web.ts", "src/cli.ts", "src/cli", "src/start"] }],
];

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly reason: string;
}

function partOf(path: string): { part: string; rank: number } | null {
  let best: { part: string; rank: number; length: number } | null = null;
  for (const [rank, parts] of LAYERS.entries()) {
    for (const part of parts) {
      for (const prefix of part.paths) {
        const hit = path === prefix || path.startsWith(`${prefix}/`);
        if (hit && (best === null || prefix.length > best.length))
          best = { part: part.name, rank, length: prefix.length };
      }
    }
  }
  return best === null ? null : { part: best.part, rank: best.rank };
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^"';]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

/** Wrong imports among `files` (paths relative to the repository root → source text). */
export function checkLayers(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const from = partOf(file);
    if (from === null) continue;
    for (const m of source.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (spec === undefined) continue;
      const target = join(dirname(file), spec);
      const to = partOf(target);
      const line = source.slice(0, m.index).split("\n").length + (m[0].startsWith("\n") ? 1 : 0);
      if (to === null) {
        out.push({ file, line, target, reason: "imports a file outside every layer" });
      } else if (to.part !== from.part && to.rank >= from.rank) {
        const why =
          to.rank === from.rank
            ? `${from.part} and ${to.part} are peers and must not import each other`
            : `${from.part} (layer ${from.rank}) must not import ${to.part} (layer ${to.rank}, higher)`;
        out.push({ file, line, target, reason: why });
      }
    }
  }
  return out;
}

function walk(dir: string, root: string, out: Map<string, string>): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, root, out);
    else if (/\.(ts|js|mjs)$/.test(name)) out.set(relative(root, path), readFileSync(path, "utf8"));
  }
}

/** The repository's own files under the layered folders. */
export function repositoryFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of ["src", "jobs", "templates"]) walk(join(root, dir), root, files);
  // The sandbox page's browser scripts are served as files, not imported by the server.
  for (const path of [...files.keys()]) if (path.includes("/page/")) files.delete(path);
  return files;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const wrong = checkLayers(repositoryFiles(root));
  for (const v of wrong) console.error(`${v.file}:${v.line}: imports ${v.target}: ${v.reason}`);
  if (wrong.length > 0) {
    console.error(`${wrong.length} import(s) run against the layers (ARCHITECTURE.md, "Layers").`);
    process.exit(1);
  }
  console.log(`layers: ${repositoryFiles(root).size} files, every import runs one way.`);
}

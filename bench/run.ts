/**
 * `npm run bench`: runs every benchmark module, then writes BENCHMARKS.md (tables) and
 * bench/results.json (one object per result: {"name", "unit", "value", ...}). Each module measures
 * its own baseline in the same run; this file adds the machine they ran on.
 * `npm run bench -- render` runs only the modules whose id contains "render" and replaces only their
 * sections and rows in those files.
 */
import { readFile, writeFile } from "node:fs/promises";
import { cpus, freemem, platform, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark, BenchResult, BenchSection } from "./types.ts";

const here = dirname(fileURLToPath(import.meta.url));
const MODULES: ReadonlyArray<[string, () => Promise<{ benchmark: Benchmark }>]> = [
  ["render", () => import("./render.ts")],
  ["slack", () => import("./slack.ts")],
  ["flood", () => import("./flood.ts")],
  ["anomaly", () => import("./anomaly.ts")],
  ["edge", () => import("./edge.ts")],
  ["burst", () => import("./burst.ts")],
];

function machine(): Record<string, string | number> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return fallback;
  }
}

function joinSections(header: string, sections: readonly { title: string; markdown: string }[]): string {
  return [header, "", ...sections.flatMap((s) => [`## ${s.title}`, "", s.markdown.trimEnd(), ""])].join("\n");
}

/** The text before the first "## " heading (the title and the machine line of the whole run). */
function splitHeader(md: string): string | undefined {
  const i = md.search(/^## /m);
  return i > 0 ? md.slice(0, i).trimEnd() : undefined;
}

/** BENCHMARKS.md's "## " sections, in order, each with its body. */
function splitSections(md: string): { title: string; markdown: string }[] {
  const out: { title: string; markdown: string }[] = [];
  for (const part of md.split(/^## /m).slice(1)) {
    const nl = part.indexOf("\n");
    out.push({ title: part.slice(0, nl).trim(), markdown: part.slice(nl + 1).trim() });
  }
  return out;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const m = machine();
  console.log(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`);
  const sections: BenchSection[] = [];
  const results: BenchResult[] = [];
  for (const [id, load] of MODULES) {
    if (filter !== undefined && !id.includes(filter)) continue;
    console.log(`\n== ${id} ==`);
    const started = performance.now();
    try {
      const { benchmark } = await load();
      const section = await benchmark.run();
      sections.push(section);
      results.push(...section.results);
      console.log(section.markdown);
    } catch (e) {
      const msg = (e as Error).stack ?? String(e);
      console.error(`benchmark ${id} failed: ${msg}`);
      sections.push({ title: id, markdown: `Failed: ${(e as Error).message}`, results: [] });
    }
    console.log(`(${id}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  const header = [
    "# Benchmarks",
    "",
    "Written by `npm run bench`. Every number is compared with a baseline measured in the same run on the same machine.",
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, ${m.date}.`,
  ].join("\n");
  const where = `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`;
  const rows = results.map((r) => ({ ...r, machine: where }));
  const mdPath = join(here, "..", "BENCHMARKS.md");
  const jsonPath = join(here, "results.json");
  if (filter === undefined) {
    await writeFile(mdPath, joinSections(header, sections));
    // An array, one object per result, each saying where it was measured.
    await writeFile(jsonPath, `${JSON.stringify(rows, null, 2)}\n`);
    console.log("\nWrote BENCHMARKS.md and bench/results.json");
  } else if (sections.length > 0) {
    // A part run alone replaces its own sections and rows and keeps the others' from their runs.
    const old = await readOr(mdPath, "");
    const oldSections = splitSections(old);
    const merged = [
      ...oldSections.map((s) => sections.find((n) => n.title === s.title) ?? s),
      ...sections.filter((n) => !oldSections.some((s) => s.title === n.title)),
    ];
    const ran = new Set(rows.map((r) => r.name.split(".")[0]));
    const oldRows = JSON.parse(await readOr(jsonPath, "[]")) as BenchResult[];
    const keptRows = oldRows.filter((r) => !ran.has(r.name.split(".")[0]));
    await writeFile(mdPath, joinSections(splitHeader(old) ?? header, merged));
    await writeFile(jsonPath, `${JSON.stringify([...keptRows, ...rows], null, 2)}\n`);
    console.log(
      `\nUpdated ${sections.map((s) => `"${s.title}"`).join(", ")} in BENCHMARKS.md and bench/results.json`,
    );
  }
  // Servers and pools in the modules may keep the loop alive; the numbers are written.
  process.exit(0);
}

await main();

/**
 * `npm run bench`: runs every benchmark module, then writes BENCHMARKS.md (tables) and
 * bench/results.json (one object per result: {"name", "unit", "value", ...}). Each module measures
 * its own baseline in the same run; this file adds the machine they ran on.
 * `npm run bench -- render` runs only the modules whose id contains "render" (and writes nothing
 * unless BENCH_MERGE=1, see merge()).
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

/**
 * `BENCH_MERGE=1 npm run bench -- burst`: one module's sections replace those of the same title in
 * BENCHMARKS.md (or are added at the end) and its rows replace those of the same name in
 * bench/results.json; the other modules' figures stay as they were.
 */
async function merge(sections: readonly BenchSection[], m: Record<string, string | number>): Promise<void> {
  const mdPath = join(here, "..", "BENCHMARKS.md");
  const jsonPath = join(here, "results.json");
  let md = await readFile(mdPath, "utf8");
  for (const s of sections) {
    const body = `## ${s.title}\n\nRun ${m.date} on ${m.cpu}, ${m.cores} cores, Node ${m.node}.\n\n${s.markdown}\n`;
    const at = md.indexOf(`## ${s.title}\n`);
    if (at === -1) md = `${md.trimEnd()}\n\n${body}`;
    else {
      const next = md.indexOf("\n## ", at + 3);
      md = `${md.slice(0, at)}${body}${next === -1 ? "" : md.slice(next)}`;
    }
  }
  await writeFile(mdPath, md);
  const where = `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`;
  const fresh = sections.flatMap((s) => s.results.map((r) => ({ ...r, machine: where })));
  const names = new Set(fresh.map((r) => r.name));
  const old = JSON.parse(await readFile(jsonPath, "utf8")) as BenchResult[];
  const rows = [...old.filter((r) => !names.has(r.name)), ...fresh];
  await writeFile(jsonPath, `${JSON.stringify(rows, null, 2)}\n`);
  console.log("\nMerged into BENCHMARKS.md and bench/results.json");
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
  const md = [
    "# Benchmarks",
    "",
    "Written by `npm run bench`. Every number is compared with a baseline measured in the same run on the same machine.",
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}, ${m.date}.`,
    "",
    ...sections.flatMap((s) => [`## ${s.title}`, "", s.markdown, ""]),
  ].join("\n");
  if (filter !== undefined && process.env.BENCH_MERGE === "1") {
    await merge(sections, m);
  } else if (filter === undefined) {
    await writeFile(join(here, "..", "BENCHMARKS.md"), md);
    // An array, one object per result, each saying where it was measured.
    const where = `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`;
    const rows = results.map((r) => ({ ...r, machine: where }));
    await writeFile(join(here, "results.json"), `${JSON.stringify(rows, null, 2)}\n`);
    console.log("\nWrote BENCHMARKS.md and bench/results.json");
  }
  // Servers and pools in the modules may keep the loop alive; the numbers are written.
  process.exit(0);
}

await main();

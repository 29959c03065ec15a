import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLayers, repositoryFiles } from "../scripts/layers.ts";

describe("the layer check", () => {
  it("finds no import running against the layers in this repository", () => {
    const wrong = checkLayers(repositoryFiles(resolve(import.meta.dirname, "..")));
    expect(wrong.map((v) => `${v.file}:${v.line} ${v.reason}`)).toEqual([]);
  });

  it("fails on a lower layer importing a higher one, naming the file, line and layers", () => {
    const files = new Map([
      [
        "src/report/build.ts",
        'import { x } from "../placewise/fields.ts";\nimport { postDigest } from "../pipeline/digest.ts";\n',
      ],
    ]);
    expect(checkLayers(files)).toEqual([
      {
        file: "src/report/build.ts",
        line: 2,
        target: "src/pipeline/digest.ts",
        reason: "report (layer 3) must not import pipeline (layer 8, higher)",
      },
    ]);
  });

  it("fails on peers importing each other, also for type-only and multi-line imports", () => {
    const files = new Map([
      ["jobs/worker.ts", 'import type {\n  Caller,\n} from "../src/slack/deps.ts";\n'],
      ["src/alerts/x.ts", 'const m = await import("../report/build.ts");\n'],
    ]);
    expect(checkLayers(files).map((v) => [v.file, v.line, v.reason])).toEqual([
      ["jobs/worker.ts", 1, "jobs and slack are peers and must not import each other"],
      ["src/alerts/x.ts", 1, "alerts and report are peers and must not import each other"],
    ]);
  });

  it("lets a part import itself and any lower layer, and the entry import everything", () => {
    const files = new Map([
      ["src/pipeline/digest.ts", 'import { a } from "./types.ts";\nimport { b } from "../store/db.ts";\n'],
      [
        "src/runtime.ts",
        'import { c } from "./local/sandbox/index.ts";\nimport { d } from "../jobs/worker.ts";\n',
      ],
    ]);
    expect(checkLayers(files)).toEqual([]);
  });

  it("refuses an import of the local-only parts from anywhere but the entry", () => {
    const files = new Map([["src/slack/app.ts", 'import { e } from "../local/slack-emulator/index.ts";\n']]);
    expect(checkLayers(files).map((v) => v.reason)).toEqual([
      "slack (layer 10) must not import local (layer 11, higher)",
    ]);
  });
});

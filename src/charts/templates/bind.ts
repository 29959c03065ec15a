/**
 * A chart template is a Vega-Lite spec whose data and variable parts are named, not inlined: data
 * sets by name, everything else (ticks, labels, title, colours) as top-level params. The renderer
 * compiles a template once per shape and feeds each chart's `Bindings` into a fresh view; `inline`
 * turns the pair back into one self-contained spec (for the browser baseline, the vega editor, docs).
 */
import type { TopLevelSpec } from "vega-lite";

export type VegaLiteSpec = TopLevelSpec;

export interface Bindings {
  /** Rows per named data set. */
  readonly data: Readonly<Record<string, readonly object[]>>;
  /** Value per top-level param (Vega signal). */
  readonly signals: Readonly<Record<string, unknown>>;
}

/** A template, its bindings, and the key under which its compiled form can be reused. */
export interface BoundChart {
  /** Equal keys mean equal templates: the same spec shape at the same size. */
  readonly key: string;
  readonly template: VegaLiteSpec;
  readonly bindings: Bindings;
}

/** Replaces every named data set and param value with the bound one; pure, returns a new spec. */
export function inline(template: VegaLiteSpec, bindings: Bindings): VegaLiteSpec {
  return JSON.parse(JSON.stringify(template), (key, value) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      // Vega-Lite 6.4 compiles a scale `range: {expr}` into a data reference, so the inlined spec
      // carries the literal range instead (the renderer lifts it into a Vega signal, see compile.ts).
      if (key === "range" && typeof value.expr === "string" && value.expr in bindings.signals) {
        return bindings.signals[value.expr];
      }
      if (key === "data" && typeof value.name === "string" && value.name in bindings.data) {
        return { name: value.name, values: bindings.data[value.name] };
      }
      if (typeof value.name === "string" && "value" in value && value.name in bindings.signals) {
        return { ...value, value: bindings.signals[value.name] };
      }
    }
    return value;
  }) as VegaLiteSpec;
}

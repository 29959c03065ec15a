/** Vega-Lite template → parsed Vega runtime, the part of a render that is the same for a whole shape. */
import * as vega from "vega";
import { compile } from "vega-lite";
import type { VegaLiteSpec } from "./templates/bind.ts";

/**
 * Vega-Lite 6.4.3 compiles a scale `range: {expr: "x"}` into a data reference that does not exist
 * ("Undefined data set name: layer_0_main"). Such ranges are taken out before compiling and set
 * on the Vega scale of the same channel afterwards, where `{signal: "x"}` works.
 */
export function compileTemplate(template: VegaLiteSpec): vega.Spec {
  const lifted = new Map<string, string>();
  // The reviver runs inside out: a channel definition is seen holding its `scale` first, then as
  // the value under its channel name.
  const pending = new Map<object, string>();
  const clean = JSON.parse(JSON.stringify(template), function (this: object, key, value) {
    if (key === "scale" && typeof value?.range?.expr === "string") {
      const { range, ...rest } = value;
      pending.set(this, range.expr);
      return rest;
    }
    const expr = value !== null && typeof value === "object" ? pending.get(value) : undefined;
    if (expr !== undefined) lifted.set(key, expr);
    return value;
  }) as VegaLiteSpec;
  const spec = compile(clean).spec as vega.Spec;
  for (const [channel, signal] of lifted) {
    const scale = spec.scales?.find((s) => s.name === channel);
    if (scale === undefined)
      throw new Error(`Template lifts a range for channel "${channel}" but Vega has no such scale.`);
    (scale as { range: unknown }).range = { signal };
  }
  return spec;
}

export function parseTemplate(template: VegaLiteSpec): vega.Runtime {
  return vega.parse(compileTemplate(template));
}

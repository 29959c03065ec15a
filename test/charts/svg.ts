/** Reading a rendered chart's SVG the way a person reads the picture: labels, marks, texts. */

export interface AxisLabel {
  readonly x: number;
  readonly text: string;
  /** Line the label sits on: 0 normally, 1 when it stepped down to clear its twin. */
  readonly line: number;
}

function section(svg: string, from: string, to: string): string {
  const start = svg.indexOf(from);
  if (start === -1) throw new Error(`SVG has no "${from}"`);
  const end = svg.indexOf(to, start);
  return svg.slice(start, end === -1 ? undefined : end);
}

/** Labels of the x axis, left to right as Vega wrote them. */
export function xLabels(svg: string): AxisLabel[] {
  const axis = section(svg, 'aria-label="X-axis', 'aria-label="Y-axis');
  const group = section(axis, 'class="mark-text role-axis-label"', "</g>");
  return [...group.matchAll(/<text[^>]*translate\(([-\d.]+),[-\d.]+\)[^>]*>(.*?)<\/text>/g)].map((m) => {
    const inner = m[2] as string;
    const lines = [...inner.matchAll(/<tspan\/>|<tspan[^>]*>(.*?)<\/tspan>/g)].map((t) => t[1] ?? "");
    const line = lines.length > 0 ? lines.findIndex((l) => l !== "") : 0;
    const text = lines.length > 0 ? lines.join("") : inner;
    return { x: Number(m[1]), text, line };
  });
}

/** How many SVG elements carry this aria-label (mark descriptions in the templates). */
export function marksLabelled(svg: string, label: string): number {
  return svg.split(`aria-label="${label}"`).length - 1;
}

/** Every text the chart shows (titles, axis labels, legend), tags stripped. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => (m[1] as string).replace(/<[^>]+>/g, ""));
}

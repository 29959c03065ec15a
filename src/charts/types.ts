/**
 * What a chart is drawn from: plain data, produced by the report step. Times are bucket starts in
 * epoch ms; the chart labels them in `timezone`, so a DST day shows its repeated or missing hour.
 */
import type { Lang } from "../i18n/index.ts";
import type { Interval } from "../placewise/fields.ts";

export interface TimeSeriesChartInput {
  /** What and where, e.g. "Offer usages per hour, last 24 h, Europe/Oslo". */
  readonly title: string;
  /** Filters in words, e.g. "offer_type birthday, welcome". */
  readonly subtitle?: string;
  /** IANA zone of the axis labels. */
  readonly timezone: string;
  readonly interval: Interval;
  /** Language of the legend notes and the axis's weekday and month names; English when absent. */
  readonly lang?: Lang;
  /**
   * One series: area + line. Several (breakdown top 5 + "other"): stacked areas with a legend, in
   * the given order (first at the bottom of the stack). Every series shares the same `times`.
   */
  readonly series: ReadonlyArray<{
    readonly name: string;
    readonly times: readonly number[];
    readonly values: readonly number[];
  }>;
  /** The previous period laid on the current buckets (same length): a faint dashed total line. */
  readonly previous?: { readonly times: readonly number[]; readonly values: readonly (number | null)[] };
  /** Bucket start from which counts are still filling in: drawn lighter and dotted. */
  readonly incompleteFrom?: number;
}

export interface AlertChartInput {
  readonly title: string;
  readonly subtitle?: string;
  readonly timezone: string;
  readonly interval: Interval;
  /** Language of the legend notes and the axis's weekday and month names; English when absent. */
  readonly lang?: Lang;
  readonly times: readonly number[];
  readonly values: readonly number[];
  /** Expected value per bucket (dashed line) and its band (shaded), same length as `times`. */
  readonly expected?: readonly number[];
  readonly low?: readonly number[];
  readonly high?: readonly number[];
  /** A fixed limit drawn as a horizontal rule. */
  readonly threshold?: number;
  /** Bucket starts to mark as anomalies (red points); each must be one of `times`. */
  readonly anomalies?: readonly number[];
}

/** Size of the chart in CSS pixels and the pixel density of the PNG. */
export interface ChartSize {
  readonly width?: number;
  readonly height?: number;
  /** PNG pixels per CSS pixel; 2 keeps text crisp on the high-density screens Slack is read on. */
  readonly scale?: number;
}

export interface RenderedChart {
  readonly png: Buffer;
  readonly svg: string;
  /** Pixel size of the PNG (CSS size × scale). */
  readonly width: number;
  readonly height: number;
  /** Time spent building the SVG (spec, dataflow, scenegraph) and rasterising + encoding the PNG. */
  readonly svgMs: number;
  readonly pngMs: number;
}

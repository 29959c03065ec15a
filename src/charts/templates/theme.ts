/**
 * Look of every chart: one font (shipped with the repo, see assets/fontconfig), a colour-blind-safe
 * palette, sizes readable where Slack shows an image inline (about 360–800 CSS px wide).
 */
import type { Config } from "vega-lite";

/** The family in assets/fonts; librsvg finds it through the repo's own fontconfig file. */
export const FONT = "DejaVu Sans";

/**
 * Okabe & Ito (2008), the palette made to stay distinct for the common colour-vision deficiencies,
 * without its yellow (too faint on white). Grey is kept for "other".
 */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"] as const;
export const OTHER_COLOUR = "#9E9E9E";
export const MAIN = "#0072B2";
/** Okabe-Ito vermillion: anomalies and limits, the one colour meaning "look here". */
export const ALERT = "#D55E00";
export const MUTED = "#6B6B6B";

export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 400;
/** 2 PNG pixels per CSS pixel: Slack shows images on high-density screens; 1x text looks blurred. */
export const DEFAULT_SCALE = 2;
/** Room the y axis labels and padding take from the width (measured on 6-digit counts). */
export const Y_AXIS_PX = 70;

export const TITLE_SIZE = 16;
export const SUBTITLE_SIZE = 12;
export const LEGEND_SIZE = 12;
/** Longest legend label in px; longer series names are cut with "…" before they reach Vega. */
export const LEGEND_LABEL_PX = 180;

export const config: Config = {
  font: FONT,
  background: "white",
  padding: { left: 8, right: 16, top: 10, bottom: 6 },
  view: { stroke: null },
  title: {
    anchor: "start",
    fontSize: 16,
    fontWeight: "bold",
    color: "#1F1F1F",
    subtitleFontSize: SUBTITLE_SIZE,
    subtitleColor: MUTED,
    subtitlePadding: 4,
    offset: 10,
  },
  axis: {
    labelFontSize: 11,
    labelColor: "#444444",
    domainColor: "#888888",
    tickColor: "#888888",
    gridColor: "#E6E6E6",
    titleFontSize: 11,
  },
  legend: {
    labelFontSize: 12,
    labelColor: "#333333",
    symbolType: "square",
    symbolSize: 120,
    orient: "top",
    direction: "horizontal",
    title: null,
    columnPadding: 14,
  },
};

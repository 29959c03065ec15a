export type { BuildOptions } from "./build.ts";
export { buildReport } from "./build.ts";
export type { ChartSeriesInput } from "./chart.ts";
export { chartSeries } from "./chart.ts";
export { clubsInWords, filtersInWords } from "./filters.ts";
export { aggregationInWords, labelInWords } from "./labels.ts";
export type * from "./types.ts";

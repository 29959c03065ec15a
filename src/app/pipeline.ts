/**
 * The pipeline functions the Slack verbs call, handed to them through `AppDeps.pipeline` so that
 * `src/slack` never imports `src/pipeline` (ARCHITECTURE.md, "Layers"): the Slack layer says when a
 * digest or an alert chart is wanted, the pipeline says how it is made. Jobs call the pipeline
 * directly; they are the same functions.
 */

import { renderAlertFile } from "../pipeline/alert/chart.ts";
import { historyQuery, planAlert } from "../pipeline/alert/plan.ts";
import { prepareDigest, sendDigest } from "../pipeline/digest.ts";
import { csvFile, prepareCsv } from "../pipeline/digest-csv.ts";

export interface Pipeline {
  /** query → fetch → report → chart: everything of a digest but posting it. */
  readonly prepareDigest: typeof prepareDigest;
  /** Uploads the chart and posts the digest (text alone, with a note, when the chart failed). */
  readonly sendDigest: typeof sendDigest;
  /** An alert chart rendered and uploaded, for a message or the preview DM. */
  readonly renderAlertFile: typeof renderAlertFile;
  /** A rule and its query → what to fetch and judge (checked at creation against the budget). */
  readonly planAlert: typeof planAlert;
  readonly historyQuery: typeof historyQuery;
  /** The numbers behind a digest as CSV, fetched again for its CSV button (no chart). */
  readonly prepareCsv: typeof prepareCsv;
  readonly csvFile: typeof csvFile;
}

export const PIPELINE: Pipeline = {
  prepareDigest,
  sendDigest,
  renderAlertFile,
  planAlert,
  historyQuery,
  prepareCsv,
  csvFile,
};

import type { WebClient } from "@slack/web-api";
import type { AlertChartInput } from "../charts/types.ts";
import type { Delivery } from "../delivery/index.ts";
import type { PlacewiseClient } from "../placewise/client/index.ts";
import type { Db } from "../store/db.ts";
import type { NewReportJob } from "../store/report-jobs.ts";
import type { Admission } from "../util/admission.ts";
import type { Clock } from "../util/clock.ts";
import type { Logger } from "../util/log.ts";
import type { Metrics } from "../util/metrics.ts";
import type { Pipeline } from "./pipeline.ts";

/**
 * The app's container: what the Slack listeners and the jobs need, built once by the composition
 * root (src/runtime.ts) and passed down; nothing below it reads config or the environment.
 */
export interface AppDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly placewise: PlacewiseClient;
  /** The club's zone as the API reports it, else DEFAULT_TIMEZONE. */
  readonly defaultTimezone: string;
  readonly minScheduleMinutes: number;
  readonly web: WebClient;
  readonly delivery: Delivery;
  /** The digest and alert-chart functions the Slack verbs call (jobs import them directly). */
  readonly pipeline: Pipeline;
  /**
   * Turns for ad-hoc reports (`/offers report`, `/offers run`, Run now): REPORT_CONCURRENCY at once,
   * REPORT_QUEUE waiting. Absent where no person asks for reports (the worker, tools): no limit.
   */
  readonly reports?: Admission;
  /**
   * Set in a `web` process when worker processes exist (src/runtime.ts): an acknowledged
   * `/offers report` or `/offers run` is queued for them (store/report-jobs.ts) instead of being
   * fetched, drawn and posted here. Absent: this process does the work itself.
   */
  readonly handOff?: (job: NewReportJob) => Promise<number>;
  /** Counters for GET /metrics, one registry per runtime; absent in tools and most tests. */
  readonly metrics?: Metrics;
  /**
   * How many times an alert rule would have fired in the last 4 weeks, in a sentence, and the chart
   * of those weeks (null while the rule has nothing to judge yet); null when it cannot tell.
   */
  readonly alertPreview?: (p: {
    teamId: string;
    ruleText: string;
    query: string;
    timezone: string;
  }) => Promise<{ sentence: string; chart: AlertChartInput | null } | null>;
}

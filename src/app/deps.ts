import type { WebClient } from "@slack/web-api";
import type { ChartDrawer } from "../charts/renderer.ts";
import type { AlertChartInput } from "../charts/types.ts";
import type { Delivery } from "../delivery/index.ts";
import type { Lang } from "../i18n/index.ts";
import type { DigestSharing } from "../pipeline/shared-digest.ts";
import type { PlacewiseClient } from "../placewise/client/index.ts";
import type { Db } from "../store/db.ts";
import type { NewReportJob } from "../store/report-jobs.ts";
import type { Admission } from "../util/admission.ts";
import type { Clock } from "../util/clock.ts";
import type { Logger } from "../util/log.ts";
import type { Metrics } from "../util/metrics.ts";
import type { Pipeline } from "./pipeline.ts";
import type { TeamAccess } from "./teams.ts";

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
  /** DEFAULT_LANGUAGE: for a workspace that chose none on its App Home (src/app/language.ts); English when absent. */
  readonly defaultLanguage?: Lang;
  readonly web: WebClient;
  readonly delivery: Delivery;
  /** Where charts are drawn: the runtime's render pool (RENDER_THREADS), else this thread. */
  readonly charts: ChartDrawer;
  /** The digest and alert-chart functions the Slack verbs call (jobs import them directly). */
  readonly pipeline: Pipeline;
  /**
   * Turns for ad-hoc reports (`/offers report`, `/offers run`, Run now): REPORT_CONCURRENCY at once,
   * REPORT_QUEUE waiting. Absent where no person asks for reports (the worker, tools): no limit.
   */
  readonly reports?: Admission;
  /**
   * Scheduled digests due together with the same query share one fetch, chart and upload across
   * processes (pipeline/shared-digest.ts); absent: each run makes its own (tools, most tests).
   */
  readonly sharing?: DigestSharing;
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
  /**
   * OAuth mode only: each team's own Slack token and Placewise access (src/app/teams.ts). Listeners
   * and jobs hand their work the team's deps (`depsForTeam`); absent with one workspace.
   */
  readonly teams?: TeamAccess;
}

import type { WebClient } from "@slack/web-api";
import type { Reply } from "../../templates/help.ts";
import type { AlertChartInput } from "../charts/types.ts";
import type { PlacewiseClient } from "../placewise/client/index.ts";
import type { Db } from "../store/db.ts";
import type { Admission } from "../util/admission.ts";
import type { Clock } from "../util/clock.ts";
import type { Logger } from "../util/log.ts";
import type { Delivery } from "./delivery/index.ts";

/** What the Slack listeners need, passed in once; no listener reads config or the environment. */
export interface BotDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly placewise: PlacewiseClient;
  /** The club's zone as the API reports it, else DEFAULT_TIMEZONE. */
  readonly defaultTimezone: string;
  readonly minScheduleMinutes: number;
  readonly web: WebClient;
  readonly delivery: Delivery;
  /**
   * Turns for ad-hoc reports (`/offers report`, `/offers run`, Run now): REPORT_CONCURRENCY at once,
   * REPORT_QUEUE waiting. Absent where no person asks for reports (the worker, tools): no limit.
   */
  readonly reports?: Admission;
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

/** Who asked, where: from a slash command or a button press. */
export interface Caller {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
}

/** Sends an answer back to the person (ephemeral unless said otherwise), via response_url. */
export type Respond = (reply: Reply & { inChannel?: boolean; replaceOriginal?: boolean }) => Promise<void>;

/**
 * Migrations live in code, not in a folder read at run time, so they ship inside any bundle and the
 * order is the order of this list. Names sort in apply order (Kysely sorts them); never rename or
 * edit an applied one: add 0002_... instead.
 */
import type { Migration, MigrationProvider } from "kysely";
import * as init from "./0001_init.ts";
import * as alertLifecycle from "./0002_alert_lifecycle.ts";
import * as rateGates from "./0003_rate_gates.ts";
import * as sharedDigests from "./0004_shared_digests.ts";
import * as reportJobs from "./0005_report_jobs.ts";
import * as installations from "./0010_installations.ts";
import * as subscriptionOptions from "./0020_subscription_options.ts";
import * as teamSettings from "./0030_team_settings.ts";

const MIGRATIONS: Record<string, Migration> = {
  "0001_init": init,
  "0002_alert_lifecycle": alertLifecycle,
  "0003_rate_gates": rateGates,
  "0004_shared_digests": sharedDigests,
  "0005_report_jobs": reportJobs,
  "0010_installations": installations,
  "0020_subscription_options": subscriptionOptions,
  "0030_team_settings": teamSettings,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

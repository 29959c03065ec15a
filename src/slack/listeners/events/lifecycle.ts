/**
 * The app leaves a workspace (`app_uninstalled`, or `tokens_revoked` naming bot tokens): its Slack
 * and Placewise tokens are deleted at once and its digests and alerts paused, kept 30 days for a
 * reinstall, then purged (src/app/teams.ts, store/team-lifecycle.ts). Bolt runs these two events
 * without authorizing them, since the token they concern is already gone.
 */
import type { App, Context } from "@slack/bolt";
import type { AppDeps } from "../../../app/deps.ts";
import { installKey } from "../../../store/installations.ts";

async function removed(deps: AppDeps, context: Context, why: string): Promise<void> {
  if (deps.teams === undefined) return;
  const key = installKey({
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall,
  });
  const teams = await deps.teams.uninstall(key);
  deps.log.info("removed from a workspace: tokens deleted, items paused", {
    install: key,
    why,
    teams: teams.length,
  });
}

export function registerLifecycle(app: App, deps: AppDeps): void {
  app.event("app_uninstalled", async ({ context }) => removed(deps, context, "app_uninstalled"));
  app.event("tokens_revoked", async ({ event, context }) => {
    // Revoked user tokens alone leave the bot working; a revoked bot token ends the installation.
    if ((event.tokens.bot ?? []).length > 0) await removed(deps, context, "tokens_revoked");
  });
}

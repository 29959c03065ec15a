/**
 * OAuth mode: every listener runs with the deps of the team the request came from
 * (src/app/teams.ts), so a workspace can only reach its own Slack token, Placewise customer and
 * items. With one workspace (`deps.teams` absent) the deployment's deps pass through unchanged.
 */
import type { AppDeps } from "../../app/deps.ts";

/** The request's team: a button's `team.id` (or the user's team), a command's `team_id`. */
export function teamOf(body: {
  team?: { id?: string } | null;
  user?: { team_id?: string };
  team_id?: string;
}): string {
  return body.team?.id ?? body.team_id ?? body.user?.team_id ?? "";
}

/**
 * Runs `work` with the team's deps; a team without a live installation is logged and skipped. With
 * `notConnected`, work that needs Placewise from a team that has not connected runs that instead.
 */
export async function withTeam(
  deps: AppDeps,
  teamId: string,
  work: (d: AppDeps) => Promise<void>,
  notConnected?: (d: AppDeps) => Promise<void>,
): Promise<void> {
  if (deps.teams === undefined) return work(deps);
  const scope = await deps.teams.scope(teamId);
  if (!scope.installed) {
    deps.log.warn("request from a workspace without a live installation", { team: teamId });
    return;
  }
  if (!scope.connected && notConnected !== undefined) return notConnected(scope.deps);
  return work(scope.deps);
}

/**
 * Which language a workspace reads: `lang=` in the words wins (the pipeline and the verbs read it),
 * then the workspace's App Home choice (`team_settings`), then DEFAULT_LANGUAGE, then English.
 */
import type { Lang } from "../i18n/index.ts";
import { teamLanguage } from "../store/team-settings.ts";
import type { AppDeps } from "./deps.ts";

export async function workspaceLanguage(
  deps: Pick<AppDeps, "db" | "defaultLanguage" | "log">,
  teamId: string,
): Promise<Lang> {
  try {
    return (await teamLanguage(deps.db, teamId)) ?? deps.defaultLanguage ?? "en";
  } catch (e) {
    // The words still go out, in the deployment's language, rather than not at all.
    deps.log.warn("could not read the workspace's language", { team: teamId, error: e as Error });
    return deps.defaultLanguage ?? "en";
  }
}

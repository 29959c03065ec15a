/**
 * The App Home's language select: a workspace admin or owner sets the language of the workspace's
 * digests, alerts and replies (`team_settings`); "Default" clears it, so DEFAULT_LANGUAGE applies.
 * Anyone else's choice is not saved and the Home tab is published again with the stored one.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
} from "@slack/bolt";
import { LANGUAGE_DEFAULT_VALUE } from "../../../../templates/item-list.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { isLang } from "../../../i18n/index.ts";
import { setTeamLanguage } from "../../../store/team-settings.ts";
import { publishHome } from "../../item-views.ts";
import { canManage } from "../../permissions.ts";

type Args = Pick<
  SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs,
  "ack" | "body" | "action"
>;

export async function homeLanguageSelect(deps: AppDeps, { ack, body, action }: Args): Promise<void> {
  await ack();
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const userId = body.user.id;
  const value = action.selected_option?.value ?? "";
  const lang = value === LANGUAGE_DEFAULT_VALUE ? null : isLang(value) ? value : undefined;
  // No creator owns a workspace setting: only an admin or owner may change it ("" is nobody's id).
  const allowed = teamId !== "" && lang !== undefined && (await canManage(deps.web, userId, ""));
  if (allowed) {
    await setTeamLanguage(deps.db, teamId, lang, deps.clock.now());
    deps.log.info("workspace language set", { team: teamId, user: userId, language: lang ?? "default" });
  } else {
    deps.log.info("workspace language not changed", { team: teamId, user: userId, value });
  }
  await publishHome(deps, teamId, userId);
}

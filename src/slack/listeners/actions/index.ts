import type { App, BlockAction, ButtonAction, StaticSelectAction } from "@slack/bolt";
import { ALERT_ACTION_PATTERN } from "../../../../templates/alert.ts";
import { PREVIEW_ACTION_PATTERN } from "../../../../templates/alert-preview.ts";
import { CONNECT_ACTION_ID, CONNECT_CALLBACK_ID, notConnectedReply } from "../../../../templates/connect.ts";
import { DIGEST_CSV_ACTION } from "../../../../templates/digest-csv.ts";
import { ACTION_IDS, HOME_LANGUAGE_ACTION, ITEM_ACTION_PATTERN } from "../../../../templates/item-list.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { connectButton, connectSubmission } from "../connect.ts";
import { teamOf, withTeam } from "../team.ts";
import { previewButton } from "./alert-preview.ts";
import { alertButton } from "./alerts.ts";
import { csvButton } from "./digest-csv.ts";
import { homeLanguageSelect } from "./home-language.ts";
import { itemButton } from "./item-buttons.ts";

export function register(app: App, deps: AppDeps): void {
  // Each with the deps of the team that pressed (OAuth mode; unchanged with one workspace).
  const team = (body: Parameters<typeof teamOf>[0]) => (work: (d: AppDeps) => Promise<void>) =>
    withTeam(deps, teamOf(body), work);
  app.action<BlockAction<ButtonAction>>(ITEM_ACTION_PATTERN, (args) =>
    withTeam(
      deps,
      teamOf(args.body),
      (d) => itemButton(d, args),
      // Run now fetches from Placewise: a workspace that has not connected is told how instead.
      args.action.action_id === ACTION_IDS.run ? () => notConnectedButton(args) : undefined,
    ),
  );
  app.action<BlockAction<ButtonAction>>(ALERT_ACTION_PATTERN, (args) =>
    team(args.body)((d) => alertButton(d, args)),
  );
  app.action<BlockAction<ButtonAction>>(PREVIEW_ACTION_PATTERN, (args) =>
    team(args.body)((d) => previewButton(d, args)),
  );
  app.action<BlockAction<StaticSelectAction>>(HOME_LANGUAGE_ACTION, (args) =>
    team(args.body)((d) => homeLanguageSelect(d, args)),
  );
  app.action<BlockAction<ButtonAction>>(DIGEST_CSV_ACTION, (args) =>
    // The CSV fetches from Placewise too.
    withTeam(
      deps,
      teamOf(args.body),
      (d) => csvButton(d, args),
      () => notConnectedButton(args),
    ),
  );
  if (deps.teams !== undefined) {
    app.action<BlockAction<ButtonAction>>(CONNECT_ACTION_ID, (args) =>
      team(args.body)((d) => connectButton(d, args)),
    );
    app.view(CONNECT_CALLBACK_ID, (args) => team(args.body)((d) => connectSubmission(d, args as never)));
  }
}

async function notConnectedButton(args: {
  ack: () => Promise<void>;
  respond: (m: { response_type: "ephemeral"; replace_original: false; text: string }) => Promise<unknown>;
}): Promise<void> {
  await args.ack();
  await args.respond({ response_type: "ephemeral", replace_original: false, text: notConnectedReply().text });
}

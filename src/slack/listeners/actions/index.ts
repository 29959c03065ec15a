import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ALERT_ACTION_PATTERN } from "../../../../templates/alert.ts";
import { PREVIEW_ACTION_PATTERN } from "../../../../templates/alert-preview.ts";
import { DIGEST_CSV_ACTION } from "../../../../templates/digest-csv.ts";
import { ITEM_ACTION_PATTERN } from "../../../../templates/item-list.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { previewButton } from "./alert-preview.ts";
import { alertButton } from "./alerts.ts";
import { csvButton } from "./digest-csv.ts";
import { itemButton } from "./item-buttons.ts";

export function register(app: App, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(ITEM_ACTION_PATTERN, (args) => itemButton(deps, args));
  app.action<BlockAction<ButtonAction>>(ALERT_ACTION_PATTERN, (args) => alertButton(deps, args));
  app.action<BlockAction<ButtonAction>>(PREVIEW_ACTION_PATTERN, (args) => previewButton(deps, args));
  app.action<BlockAction<ButtonAction>>(DIGEST_CSV_ACTION, (args) => csvButton(deps, args));
}

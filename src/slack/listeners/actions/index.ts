import type { App, BlockAction, ButtonAction, StaticSelectAction } from "@slack/bolt";
import { ALERT_ACTION_PATTERN } from "../../../../templates/alert.ts";
import { PREVIEW_ACTION_PATTERN } from "../../../../templates/alert-preview.ts";
import { HOME_LANGUAGE_ACTION, ITEM_ACTION_PATTERN } from "../../../../templates/item-list.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { previewButton } from "./alert-preview.ts";
import { alertButton } from "./alerts.ts";
import { homeLanguageSelect } from "./home-language.ts";
import { itemButton } from "./item-buttons.ts";

export function register(app: App, deps: AppDeps): void {
  app.action<BlockAction<ButtonAction>>(ITEM_ACTION_PATTERN, (args) => itemButton(deps, args));
  app.action<BlockAction<ButtonAction>>(ALERT_ACTION_PATTERN, (args) => alertButton(deps, args));
  app.action<BlockAction<ButtonAction>>(PREVIEW_ACTION_PATTERN, (args) => previewButton(deps, args));
  app.action<BlockAction<StaticSelectAction>>(HOME_LANGUAGE_ACTION, (args) => homeLanguageSelect(deps, args));
}

/**
 * The forms ("New digest", "New alert", "Edit"): opened by `/offers` with no words (offers.ts), by
 * the Home tab's and the list's buttons (open.ts); every pick that changes the form redraws it with
 * views.update (input.ts); a submission is checked by the same parsers as typed words and saved by
 * the same verbs (submit.ts). Registered beside the other listeners; ids start with `od_digest_` /
 * `od_alert_` (templates/forms.ts) so no other modal's listener takes them.
 */
import type { App, BlockAction, ViewSubmitAction } from "@slack/bolt";
import { FORM_CALLBACK_PATTERN, FORM_INPUT_PATTERN, FORM_OPEN_PATTERN } from "../../../../templates/forms.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { teamOf, withTeam } from "../team.ts";
import { formInput } from "./input.ts";
import { openButton } from "./open.ts";
import { formSubmit } from "./submit.ts";

export function register(app: App, deps: AppDeps): void {
  // Each with the deps of the team that acts (OAuth mode: its own token and Placewise access).
  app.action<BlockAction>(FORM_OPEN_PATTERN, (args) =>
    withTeam(deps, teamOf(args.body), (d) => openButton(d, args)),
  );
  app.action<BlockAction>(FORM_INPUT_PATTERN, (args) =>
    withTeam(deps, teamOf(args.body), (d) => formInput(d, args)),
  );
  app.view<ViewSubmitAction>({ callback_id: FORM_CALLBACK_PATTERN, type: "view_submission" }, (args) =>
    withTeam(deps, teamOf(args.body), (d) => formSubmit(d, args)),
  );
}

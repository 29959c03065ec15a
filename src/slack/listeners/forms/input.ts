/**
 * A pick in an open form (an input with dispatch_action): read the form, check its command line with
 * the same parsers as typed words, and redraw it (views.update) with the new command line and next
 * runs, or what is wrong. Switching "Create" between digest and alert starts that form afresh.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { FORM_BLOCKS, fromOptionValue } from "../../../../templates/forms.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { decodeMeta, formView } from "../../forms/check.ts";
import { defaultState, readState, type StateValues } from "../../forms/state.ts";

type Args = Pick<SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs, "ack" | "body" | "action">;

export async function formInput(deps: AppDeps, { ack, body, action }: Args): Promise<void> {
  await ack();
  const view = body.view;
  if (view === undefined || view.type !== "modal") return;
  const meta = decodeMeta(view.private_metadata, deps.defaultTimezone);
  let state = readState((view.state?.values ?? {}) as StateValues, meta.state);
  if (action.block_id === FORM_BLOCKS.kind && "selected_option" in action && meta.canSwitchKind) {
    const kind = fromOptionValue(action.selected_option?.value ?? "") === "alert" ? "alert" : "digest";
    if (kind !== state.kind) state = { ...defaultState(kind, deps.defaultTimezone), channel: state.channel };
  }
  try {
    await deps.web.views.update({
      view_id: view.id,
      hash: view.hash,
      view: formView(deps, { ...meta, state }) as never,
    });
  } catch (e) {
    // hash_conflict: a newer pick already redrew the form; it carries this pick too.
    deps.log.info("form not redrawn", { error: (e as Error).message });
  }
}

/**
 * Runs one /offers command for a caller. The listener has already acknowledged; answers go back
 * through `respond` (ephemeral) and digests into the channel through the delivery module.
 */
import { helpReply } from "../../../templates/help.ts";
import { errorReply } from "../../../templates/replies.ts";
import type { AppDeps } from "../../app/deps.ts";
import type { Messages } from "../../i18n/index.ts";
import type { Place } from "../../util/admission.ts";
import { InputError } from "../../util/errors.ts";
import type { OffersCommand } from "../commands/parse.ts";
import type { Caller, Respond } from "../deps.ts";
import { explainError } from "../explain.ts";
import { answerMessages } from "../language.ts";
import { createAlert } from "./alert.ts";
import { listItems } from "./list.ts";
import { commandOnItem } from "./manage.ts";
import { postReport } from "./report.ts";
import { subscribe } from "./subscribe.ts";

export async function runCommand(
  deps: AppDeps,
  caller: Caller,
  cmd: OffersCommand,
  respond: Respond,
  /** A report's turn, taken by the listener before its ack (see reserveReport). */
  place?: Place,
  /** The reader's language (the listener knows it before its ack); else the workspace's. */
  given?: Messages,
): Promise<void> {
  const m = given ?? (await answerMessages(deps, caller.teamId));
  try {
    switch (cmd.verb) {
      case "help":
      // The form opens from the listener, which has the trigger id; without one, the help shows the words.
      case "form":
        return await respond(helpReply(m));
      case "list":
        return await respond(await listItems(deps, caller, m));
      case "report": {
        // "Working on it…" went out with the ack; the digest itself goes into the channel.
        const result = await postReport(
          deps,
          caller,
          cmd.words,
          `report:${caller.channelId}:${caller.userId}:${deps.clock.now()}`,
          place,
        );
        if (!result.handedOff && result.chartFailed)
          deps.log.warn("report went out without its chart", { ts: result.ts });
        return;
      }
      case "subscribe":
        return await respond(await subscribe(deps, caller, cmd.words, m));
      case "alert":
        return await respond(await createAlert(deps, caller, cmd.words, m));
      default: {
        // null: `/offers run` was handed to a worker, which answers once the digest is posted.
        const reply = await commandOnItem(deps, caller, cmd.verb, cmd.id, "channel", m);
        if (reply !== null) await respond(reply);
        return;
      }
    }
  } catch (e) {
    if (!(e instanceof InputError)) deps.log.error("command failed", { verb: cmd.verb, error: e as Error });
    await respond(errorReply(explainError(e, m), m)).catch((r) =>
      deps.log.warn("could not answer", { error: r as Error }),
    );
  }
}

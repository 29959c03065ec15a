import type { RespondFn } from "@slack/bolt";
import type { Respond } from "../deps.ts";

/** Our Reply → Bolt's respond (response_url): ephemeral unless asked otherwise. */
export function respondVia(respond: RespondFn): Respond {
  return async (reply) => {
    await respond({
      response_type: reply.inChannel ? "in_channel" : "ephemeral",
      replace_original: reply.replaceOriginal ?? false,
      text: reply.text,
      ...(reply.blocks ? { blocks: reply.blocks as never } : {}),
    });
  };
}

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

/**
 * The same answer without Bolt: a worker running a handed-off report (verbs/handed-off.ts) posts to
 * the slash command's response_url itself. Slack accepts up to 5 answers within 30 minutes there.
 */
export function respondByUrl(url: string): Respond {
  return async (reply) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        response_type: reply.inChannel ? "in_channel" : "ephemeral",
        replace_original: reply.replaceOriginal ?? false,
        text: reply.text,
        ...(reply.blocks ? { blocks: reply.blocks } : {}),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  };
}

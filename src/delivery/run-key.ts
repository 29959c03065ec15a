import type { WebClient } from "@slack/web-api";
import type { OutgoingMessage } from "./types.ts";

export const DEFAULT_EVENT_TYPE = "offer_digest";

/**
 * How far back a run key is looked for: one page of history. A digest's retry comes within minutes, so
 * its message is among the last 100 of the channel unless the channel is very busy.
 */
export const LOOKUP_LIMIT = 100;

/** The message with `run_key` added to its metadata, keeping any event type and payload it has. */
export function withRunKey(
  message: OutgoingMessage,
  runKey: string,
  eventType = DEFAULT_EVENT_TYPE,
): OutgoingMessage {
  const metadata = message.metadata ?? { event_type: eventType, event_payload: {} };
  return {
    ...message,
    metadata: {
      event_type: metadata.event_type,
      event_payload: { ...metadata.event_payload, run_key: runKey },
    },
  };
}

export interface FoundMessage {
  channel: string;
  ts: string;
  fileId: string | null;
}

/** Finds the bot's message carrying `runKey` in the channel (or in a thread), newest first. */
export async function findByRunKey(
  client: WebClient,
  channel: string,
  runKey: string,
  threadTs?: string,
): Promise<FoundMessage | undefined> {
  const res =
    threadTs === undefined
      ? await client.conversations.history({ channel, include_all_metadata: true, limit: LOOKUP_LIMIT })
      : await client.conversations.replies({
          channel,
          ts: threadTs,
          include_all_metadata: true,
          limit: LOOKUP_LIMIT,
        });
  const messages = (res.messages ?? []) as Array<Record<string, unknown>>;
  const hit = messages.find((m) => runKeyOf(m) === runKey);
  if (hit === undefined || typeof hit.ts !== "string") return undefined;
  return { channel, ts: hit.ts, fileId: fileIdOf(hit) };
}

function runKeyOf(m: Record<string, unknown>): unknown {
  const metadata = m.metadata as { event_payload?: Record<string, unknown> } | undefined;
  return metadata?.event_payload?.run_key;
}

/** The chart a found message shows: its image block's file, else an attached file. */
function fileIdOf(m: Record<string, unknown>): string | null {
  for (const b of (m.blocks ?? []) as Array<{ type?: string; slack_file?: { id?: string } }>) {
    if (b.type === "image" && typeof b.slack_file?.id === "string") return b.slack_file.id;
  }
  const files = (m.files ?? []) as Array<{ id?: string }>;
  return typeof files[0]?.id === "string" ? files[0].id : null;
}

import { ApiFailure, type Args, json, str } from "./args.ts";
import { blocksProblem } from "./blocks.ts";
import type { MessageMetadata } from "./types.ts";
import type { Workspace } from "./workspace.ts";

/** Slack refuses message text past 40,000 characters with msg_too_long. */
export const MAX_TEXT = 40_000;

export interface Content {
  text: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
}

/** Text, blocks and metadata of a message, checked as chat.postMessage checks them. */
export function readContent(ws: Workspace, args: Args, opts: { allowEmpty?: boolean } = {}): Content {
  const text = str(args, "text") ?? "";
  const blocks = json(args, "blocks", "invalid_blocks");
  if (
    text === "" &&
    (blocks === undefined || (Array.isArray(blocks) && blocks.length === 0)) &&
    !opts.allowEmpty
  ) {
    throw new ApiFailure("no_text");
  }
  if (text.length > MAX_TEXT) throw new ApiFailure("msg_too_long");
  const content: Content = { text };
  if (blocks !== undefined) {
    const problem = blocksProblem(blocks, { maxBlocks: 50, fileReady: (id) => ws.fileReady(id) });
    if (problem !== null) {
      throw new ApiFailure("invalid_blocks", {
        errors: [problem],
        response_metadata: { messages: [problem] },
      });
    }
    content.blocks = blocks as unknown[];
  }
  const metadata = readMetadata(args);
  if (metadata !== undefined) content.metadata = metadata;
  return content;
}

function readMetadata(args: Args): MessageMetadata | undefined {
  const m = json(args, "metadata", "invalid_metadata_format");
  if (m === undefined) return undefined;
  if (typeof m !== "object" || m === null || Array.isArray(m))
    throw new ApiFailure("invalid_metadata_format");
  const { event_type, event_payload } = m as Record<string, unknown>;
  if (typeof event_type !== "string" || event_type === "") throw new ApiFailure("invalid_metadata_schema");
  if (typeof event_payload !== "object" || event_payload === null || Array.isArray(event_payload)) {
    throw new ApiFailure("invalid_metadata_schema");
  }
  return { event_type, event_payload: event_payload as Record<string, unknown> };
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** A message as built by templates/: fallback text always, blocks and metadata when there are any. */
export interface OutgoingMessage {
  text: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
}

export interface ChartFile {
  png: Buffer;
  filename: string;
  title: string;
  altText: string;
}

/** A file shared into a channel or thread as it is (the CSV behind a digest). */
export interface SharedFile {
  bytes: Buffer;
  filename: string;
  title: string;
  /** MIME type of the bytes, e.g. `text/csv`. */
  contentType: string;
}

/** What the message builder learns about the chart: the uploaded file to show, or null to post text only. */
export type ChartRef = { fileId: string; altText: string } | null;

export interface PostRequest {
  /** Channel id (or a user id for a DM). */
  channel: string;
  /** A function is called with the uploaded chart, or with null when the message must go out without it. */
  message: OutgoingMessage | ((chart: ChartRef) => OutgoingMessage);
  chart?: ChartFile | null;
  /** Stored in the message metadata; finds the message again after a crash or an ambiguous failure. */
  runKey?: string;
  /** Event type of the metadata when the message has none; default `offer_digest`. */
  eventType?: string;
  threadTs?: string;
  /** Look for an earlier message with this runKey first (needs runKey) and return it instead of posting again. */
  dedupe?: boolean;
  /**
   * `chart` is already uploaded (privately, `upload`) under this file id, e.g. once for every digest
   * of a burst that shares it: the message references it instead of uploading again. `chart` still
   * serves the fallback when Slack refuses the reference (a new upload into the message's thread).
   */
  uploadedFileId?: string;
}

export interface PostResult {
  channel: string;
  ts: string;
  /** The chart file: in the message's image block, or shared into its thread after a fallback. */
  fileId: string | null;
  /** A chart was asked for but is not inside the message (it may be in the thread, see fileId). */
  chartFailed: boolean;
  /** An earlier message with the same runKey was found; nothing was posted. */
  reused: boolean;
}

export interface Delivery {
  post(p: PostRequest): Promise<PostResult>;
  /** Uploads a chart privately (no channel): its file id, for messages to reference in image blocks. */
  upload(chart: ChartFile): Promise<string>;
  update(p: { channel: string; ts: string; message: OutgoingMessage }): Promise<void>;
  postEphemeral(p: { channel: string; user: string; message: OutgoingMessage }): Promise<void>;
  /**
   * Uploads a file into a channel, or a message's thread with `threadTs` (upload v2); returns its id.
   * Completing the upload posts a message there, so it takes the channel's turn like a post.
   */
  shareFile(p: { channel: string; threadTs?: string; file: SharedFile; comment?: string }): Promise<string>;
  /** A direct message, e.g. telling a subscription's creator that it was paused. */
  dm(p: { user: string; message: OutgoingMessage; runKey?: string }): Promise<void>;
}

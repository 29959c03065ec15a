import type { WebClient } from "@slack/web-api";
import { request } from "undici";
import { DeliveryError } from "./errors.ts";
import type { Limiter } from "./limiter.ts";
import { type RetryPolicy, withRetries } from "./retry.ts";
import type { ChartFile, SharedFile } from "./types.ts";

/** The upload URL is outside the Web API client, so it gets its own deadline: 10 s, like the client. */
const UPLOAD_TIMEOUT_MS = 10_000;

/** Where a completed upload goes: nowhere (private, for an image block) or into a channel/thread. */
export interface ShareTarget {
  channel: string;
  threadTs?: string;
}

/**
 * Upload v2 in three steps (NOTES.md "Files"). Without a target the file stays private until a
 * message's image block references it; with one, Slack posts it into the channel or thread.
 */
export function uploadChart(
  client: WebClient,
  chart: ChartFile,
  policy: RetryPolicy,
  limiter: Limiter,
  target?: ShareTarget,
): Promise<string> {
  const file = {
    bytes: chart.png,
    filename: chart.filename,
    title: chart.title,
    contentType: "image/png",
    altText: chart.altText,
  };
  return uploadFile(client, file, policy, limiter, target);
}

/** Any file (a chart, a CSV) in the same three steps; `initialComment` goes with a shared one. */
export async function uploadFile(
  client: WebClient,
  chart: SharedFile & { altText?: string },
  policy: RetryPolicy,
  limiter: Limiter,
  target?: ShareTarget & { initialComment?: string },
): Promise<string> {
  const where = target === undefined ? {} : { channel: target.channel };
  // Each step is its own Tier-4 method; a 429 on one holds only that method's uploads.
  const tier = (method: string) => {
    const gate = limiter.method(method);
    return gate === undefined ? {} : { gate };
  };
  const url = await withRetries(
    () =>
      client.files.getUploadURLExternal({
        filename: chart.filename,
        length: chart.bytes.length,
        ...(chart.altText === undefined ? {} : { alt_text: chart.altText }),
      }),
    policy,
    { ...where, retryTransient: true, ...tier("files.getUploadURLExternal") },
  );
  if (typeof url.upload_url !== "string" || typeof url.file_id !== "string") {
    throw new DeliveryError(
      "bad_response",
      "transient",
      `Slack gave no upload URL for ${chart.filename}; it will be tried again`,
    );
  }
  const uploadUrl = url.upload_url;
  // Sending the bytes again is harmless: nothing is visible until completion.
  await withRetries(() => postBytes(uploadUrl, chart), policy, { ...where, retryTransient: true });
  const files: [{ id: string; title: string }] = [{ id: url.file_id as string, title: chart.title }];
  // Completion is not retried after a 5xx: it may have happened, and a second one would post the chart twice.
  await withRetries(
    () =>
      target === undefined
        ? client.files.completeUploadExternal({ files })
        : client.files.completeUploadExternal({
            files,
            channel_id: target.channel,
            ...(target.threadTs === undefined ? {} : { thread_ts: target.threadTs }),
            ...(target.initialComment === undefined ? {} : { initial_comment: target.initialComment }),
          }),
    policy,
    { ...where, retryTransient: false, ...tier("files.completeUploadExternal") },
  );
  return url.file_id;
}

/**
 * The bytes go to the upload URL as the raw body (Slack takes raw bytes or a multipart form), through
 * undici's request: the global fetch with a FormData cost a few milliseconds of the main thread per
 * chart, which 30 reports at once all wait behind.
 */
async function postBytes(url: string, chart: SharedFile): Promise<void> {
  const res = await request(url, {
    method: "POST",
    body: chart.bytes,
    headers: { "content-type": chart.contentType },
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await res.body.dump();
  if (res.statusCode !== 200) {
    const kind = res.statusCode >= 500 || res.statusCode === 429 ? "transient" : "permanent";
    throw new DeliveryError(
      `upload_http_${res.statusCode}`,
      kind,
      `Slack refused the bytes of ${chart.filename} with HTTP ${res.statusCode}`,
    );
  }
}

import { randomUUID } from "node:crypto";
import type { WebClient } from "@slack/web-api";
import { type Clock, systemClock } from "../util/clock.ts";
import { classifySlackError, DeliveryError } from "./errors.ts";
import { createLimiter, type LimiterRates } from "./limiter.ts";
import { ChannelPacer } from "./pacer.ts";
import { MemoryRateGate, type RateGate } from "./rate-gate.ts";
import { type RetryPolicy, withRetries } from "./retry.ts";
import { type FoundMessage, findByRunKey, withRunKey } from "./run-key.ts";
import type { ChartRef, Delivery, OutgoingMessage, PostRequest, PostResult } from "./types.ts";
import { uploadChart, uploadFile } from "./upload.ts";

export interface DeliveryOptions {
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Where the slots for Slack calls are taken: shared through the database when several processes
   * post (runtime.ts chooses), else one process's memory (the default).
   */
  gate?: RateGate;
  /** Per-channel and per-method rates over SLACK_RATES (rate-gate.ts); tests make them small. */
  rates?: LimiterRates;
  /**
   * Posts held per channel (running and waiting) before the next fails at once with `channel_busy`;
   * 50 × 1.1 s is about a minute of posts, past which a message is better refused than sent late.
   */
  maxQueuedPerChannel?: number;
  max429Waits?: number;
  maxTransientRetries?: number;
  random?: () => number;
}

/** A ready-made message gets the chart as a last image block; builders place it themselves. */
export function withImage(message: OutgoingMessage, chart: ChartRef): OutgoingMessage {
  if (chart === null) return message;
  // With blocks present Slack shows them instead of `text`, so the text becomes the first block. 3000 is a section's limit.
  const blocks = message.blocks ?? [
    { type: "section", text: { type: "mrkdwn", text: message.text.slice(0, 3000) } },
  ];
  return {
    ...message,
    blocks: [...blocks, { type: "image", slack_file: { id: chart.fileId }, alt_text: chart.altText }],
  };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way offer-digest writes to Slack (reports, digests, alerts): chart first, then one message
 * that references it; the text is never lost to a chart failure, and one run never posts twice.
 */
export function createDelivery(client: WebClient, opts: DeliveryOptions = {}): Delivery {
  const clock = opts.clock ?? systemClock;
  const policy: RetryPolicy = {
    sleep: opts.sleep ?? realSleep,
    max429Waits: opts.max429Waits ?? 3,
    maxTransientRetries: opts.maxTransientRetries ?? 2,
    random: opts.random ?? Math.random,
  };
  const limiter = createLimiter(opts.gate ?? new MemoryRateGate(), clock, policy.sleep, opts.rates);
  const pacer = new ChannelPacer(opts.maxQueuedPerChannel ?? 50);
  /** The retry options of a call of `method`: its tier's gate, when it has one. */
  const tier = (method: string) => {
    const gate = limiter.method(method);
    return gate === undefined ? {} : { gate };
  };

  const find = (channel: string, runKey: string, threadTs?: string): Promise<FoundMessage | undefined> =>
    withRetries(() => findByRunKey(client, channel, runKey, threadTs), policy, {
      channel,
      retryTransient: true,
      ...tier(threadTs === undefined ? "conversations.history" : "conversations.replies"),
    });

  /** One chat.postMessage, paced, retried; after an ambiguous failure the run key decides whether to resend. */
  const postPaced = (channel: string, message: OutgoingMessage, runKey: string, threadTs?: string) =>
    pacer.run(channel, () =>
      withRetries(
        async (): Promise<{ channel: string; ts: string }> => {
          // The Web API's argument type is a union of text-only and blocks shapes; ours is checked by templates.
          const res = await client.chat.postMessage({
            channel,
            text: message.text,
            ...(message.blocks === undefined ? {} : { blocks: message.blocks as never }),
            ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
            ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
          } as never);
          return { channel: res.channel ?? channel, ts: res.ts as string };
        },
        policy,
        {
          channel,
          retryTransient: true,
          checkAfterAmbiguous: () => find(channel, runKey, threadTs),
          gate: limiter.channel(channel),
        },
      ),
    );

  const post = async (p: PostRequest): Promise<PostResult> => {
    const runKey = p.runKey ?? randomUUID();
    const build = (chart: ChartRef) =>
      withRunKey(
        typeof p.message === "function" ? p.message(chart) : withImage(p.message, chart),
        runKey,
        p.eventType,
      );
    if (p.dedupe === true && p.runKey !== undefined) {
      const earlier = await find(p.channel, runKey, p.threadTs);
      if (earlier !== undefined) {
        return { ...earlier, chartFailed: p.chart != null && earlier.fileId === null, reused: true };
      }
    }
    const chart = p.chart ?? null;
    let fileId: string | null = null;
    let uploadError: unknown;
    if (chart !== null && p.uploadedFileId !== undefined) fileId = p.uploadedFileId;
    else if (chart !== null) {
      fileId = await uploadChart(client, chart, policy, limiter).catch((e: unknown) => {
        uploadError = e;
        return null;
      });
    }
    let chartInMessage = fileId !== null;
    let posted: { channel: string; ts: string };
    try {
      posted = await postPaced(
        p.channel,
        build(fileId === null ? null : { fileId, altText: chart?.altText ?? "" }),
        runKey,
        p.threadTs,
      );
    } catch (e) {
      // A freshly uploaded file can be refused for a moment (NOTES.md "Files"); the text must still go out.
      if (!chartInMessage || classifySlackError(e).code !== "invalid_blocks") throw e;
      chartInMessage = false;
      posted = await postPaced(p.channel, build(null), runKey, p.threadTs);
    }
    if (chart !== null && !chartInMessage) {
      fileId = await shareIntoThread(posted, chart, uploadError);
    }
    return {
      channel: posted.channel,
      ts: posted.ts,
      fileId,
      chartFailed: chart !== null && !chartInMessage,
      reused: false,
    };
  };

  /** Best effort: a NEW upload shared into the message's thread. The message is out; this only adds the chart. */
  const shareIntoThread = async (
    posted: { channel: string; ts: string },
    chart: NonNullable<PostRequest["chart"]>,
    uploadError: unknown,
  ): Promise<string | null> => {
    if (uploadError !== undefined && classifySlackError(uploadError).kind === "permanent") return null;
    try {
      // Completing into a channel posts a message there, so it takes that channel's turn and slot too.
      return await pacer.run(posted.channel, async () => {
        await limiter.channel(posted.channel).wait();
        return uploadChart(client, chart, policy, limiter, { channel: posted.channel, threadTs: posted.ts });
      });
    } catch {
      return null;
    }
  };

  return {
    post,
    upload: (chart) => uploadChart(client, chart, policy, limiter),
    update: async ({ channel, ts, message }) => {
      await withRetries(
        () =>
          client.chat.update({
            channel,
            ts,
            text: message.text,
            ...(message.blocks === undefined ? {} : { blocks: message.blocks as never }),
            ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
          } as never),
        policy,
        // An edit sets the same content again, so repeating it after a 5xx is harmless.
        { channel, retryTransient: true, ...tier("chat.update") },
      );
    },
    shareFile: ({ channel, threadTs, file, comment }) =>
      pacer.run(channel, async () => {
        await limiter.channel(channel).wait();
        return uploadFile(client, file, policy, limiter, {
          channel,
          ...(threadTs === undefined ? {} : { threadTs }),
          ...(comment === undefined ? {} : { initialComment: comment }),
        });
      }),
    postEphemeral: async ({ channel, user, message }) => {
      await withRetries(
        () =>
          client.chat.postEphemeral({
            channel,
            user,
            text: message.text,
            ...(message.blocks === undefined ? {} : { blocks: message.blocks as never }),
          }),
        policy,
        { channel, retryTransient: true, ...tier("chat.postEphemeral") },
      );
    },
    dm: async ({ user, message, runKey }) => {
      const opened = await withRetries(() => client.conversations.open({ users: user }), policy, {
        retryTransient: true,
        ...tier("conversations.open"),
      });
      const channel = opened.channel?.id;
      if (channel === undefined) {
        throw new DeliveryError(
          "bad_response",
          "transient",
          `Slack opened no DM with ${user}; it will be tried again`,
        );
      }
      await post({
        channel,
        message,
        eventType: "offer_digest_notice",
        ...(runKey === undefined ? {} : { runKey, dedupe: true }),
      });
    },
  };
}

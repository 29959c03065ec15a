import sharp from "sharp";
import type { ChartFile, ChartRef, OutgoingMessage } from "../../src/delivery/index.ts";
import { createDelivery, type Delivery } from "../../src/delivery/index.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { clientFor, type SlackEmulator, startSlackFake } from "../fakes/slack.ts";

export interface Rig {
  slack: SlackEmulator;
  delivery: Delivery;
  clock: ManualClock;
  /** Every sleep the delivery asked for, in ms; sleeping only moves the clock. */
  sleeps: number[];
}

export async function startRig(): Promise<Rig> {
  const clock = new ManualClock(Date.parse("2025-08-27T06:00:00Z"));
  const slack = await startSlackFake({ clock });
  const sleeps: number[] = [];
  const delivery = createDelivery(clientFor(slack), {
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    random: () => 1,
  });
  return { slack, delivery, clock, sleeps };
}

export async function chartPng(): Promise<ChartFile> {
  const png = await sharp({ create: { width: 8, height: 4, channels: 3, background: "#2a6" } })
    .png()
    .toBuffer();
  return {
    png,
    filename: "offer-usages.png",
    title: "Offer usages, last 24h",
    altText: "Offer usages per hour, peak 212 at 12:00",
  };
}

/** A digest-like message: the chart in an image block, or a note that it is missing. */
export function digest(chart: ChartRef): OutgoingMessage {
  return {
    text: "Offer usages last 24h: 1,234 (+12% vs previous 24h)",
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: "*1,234* offer usages, +12%" } },
      chart === null
        ? { type: "context", elements: [{ type: "mrkdwn", text: "The chart could not be attached." }] }
        : { type: "image", slack_file: { id: chart.fileId }, alt_text: chart.altText },
    ],
  };
}

/** Top-level messages of a channel (thread replies left out). */
export function topLevel(slack: SlackEmulator, channel: string) {
  return slack.messagesIn(channel).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);
}

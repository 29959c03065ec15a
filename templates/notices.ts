/**
 * Direct messages that tell a subscription's or alert's creator what happened to it without them:
 * a pause, a failed run, runs skipped while offer-digest was down. Pure text builders; the job
 * that decides sends them once through jobs/tell-once.ts.
 */
import { whenInWords } from "../src/report/when.ts";

export interface NoticeMessage {
  readonly text: string;
}

/** A subscription paused because Slack or Placewise refuses for good, or it failed too often. */
export function digestPausedNotice(p: { id: number; channelId: string; reason: string }): NoticeMessage {
  return {
    text: `Your offer digest #${p.id} in <#${p.channelId}> is paused: ${p.reason}. Fix that, then \`/offers resume ${p.id}\`.`,
  };
}

/** One run failed for good; the subscription stays active. */
export function digestFailedNotice(p: {
  id: number;
  scheduledAt: number;
  timezone: string;
  reason: string;
}): NoticeMessage {
  const due = whenInWords(p.scheduledAt, p.timezone);
  return {
    text: `Your offer digest #${p.id} due ${due} (${p.timezone}) could not be delivered: ${p.reason}. It will run again at its next time.`,
  };
}

/** Runs older than the catch-up window, recorded as skipped after a long outage. */
export function runsSkippedNotice(p: {
  id: number;
  timezone: string;
  /** The skipped scheduled times, oldest first (at least one). */
  at: readonly number[];
  catchUpHours: number;
}): NoticeMessage {
  const fmt = (ms: number) => whenInWords(ms, p.timezone);
  const first = p.at[0] as number;
  const last = p.at[p.at.length - 1] as number;
  const span = p.at.length === 1 ? `due ${fmt(first)}` : `due ${fmt(first)} to ${fmt(last)}`;
  return {
    text: `${p.at.length} run(s) of your offer digest #${p.id} (${span}, ${p.timezone}) were skipped: offer-digest was down for longer than ${p.catchUpHours} h. It continues on schedule.`,
  };
}

/** An alert rule paused because Slack refuses to post for it. */
export function alertPausedNotice(p: { id: number; channelId: string; reason: string }): NoticeMessage {
  return {
    text: `Your alert #${p.id} in <#${p.channelId}> is paused: ${p.reason}. Fix that, then \`/offers resume ${p.id}\`.`,
  };
}

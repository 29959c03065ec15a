/**
 * Direct messages that tell a subscription's or alert's creator what happened to it without them:
 * a pause, a failed run, runs skipped while offer-digest was down. Pure text builders; the job
 * that decides sends them once through jobs/tell-once.ts, in the workspace's language.
 */
import { EN, type Messages } from "../src/i18n/index.ts";
import { whenInWords } from "../src/report/when.ts";

export interface NoticeMessage {
  readonly text: string;
}

const code = (text: string) => `\`${text}\``;

/** A subscription paused because Slack or Placewise refuses for good, or it failed too often. */
export function digestPausedNotice(
  p: { id: number; channelId: string; reason: string },
  m: Messages = EN,
): NoticeMessage {
  return {
    text: m.t("notice.digestPaused", {
      id: p.id,
      channel: `<#${p.channelId}>`,
      reason: p.reason,
      resume: code(`/offers resume ${p.id}`),
    }),
  };
}

/** One run failed for good; the subscription stays active. */
export function digestFailedNotice(
  p: {
    id: number;
    scheduledAt: number;
    timezone: string;
    reason: string;
  },
  m: Messages = EN,
): NoticeMessage {
  const due = whenInWords(p.scheduledAt, p.timezone, m);
  return { text: m.t("notice.digestFailed", { id: p.id, due, zone: p.timezone, reason: p.reason }) };
}

/** Runs older than the catch-up window, recorded as skipped after a long outage. */
export function runsSkippedNotice(
  p: {
    id: number;
    timezone: string;
    /** The skipped scheduled times, oldest first (at least one). */
    at: readonly number[];
    catchUpHours: number;
  },
  m: Messages = EN,
): NoticeMessage {
  const fmt = (ms: number) => whenInWords(ms, p.timezone, m);
  const first = p.at[0] as number;
  const last = p.at[p.at.length - 1] as number;
  const span =
    p.at.length === 1
      ? m.t("notice.due", { first: fmt(first) })
      : m.t("notice.dueSpan", { first: fmt(first), last: fmt(last) });
  return {
    text: m.t("notice.runsSkipped", {
      n: p.at.length,
      id: p.id,
      span,
      zone: p.timezone,
      hours: p.catchUpHours,
    }),
  };
}

/** An alert rule paused because Slack refuses to post for it. */
export function alertPausedNotice(
  p: { id: number; channelId: string; reason: string },
  m: Messages = EN,
): NoticeMessage {
  return {
    text: m.t("notice.alertPaused", {
      id: p.id,
      channel: `<#${p.channelId}>`,
      reason: p.reason,
      resume: code(`/offers resume ${p.id}`),
    }),
  };
}

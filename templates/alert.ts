/**
 * Alert messages: one message per incident, posted when it fires and edited in place as it goes
 * on and when it resolves; thread replies tell the changes. Pure builders; user-typed and data-borne
 * text is escaped; limits are enforced at the end.
 */
import type { RuleKind } from "../src/alerts/rule.ts";
import type { Interval } from "../src/placewise/fields.ts";
import {
  bucketInWords,
  durationInWords,
  expectationInWords,
  localWhen,
  type Where,
  whereInWords,
} from "./alert-words.ts";
import {
  actionIdPattern,
  actions,
  type Block,
  button,
  clampBlocks,
  confirmDialog,
  context,
  escapeMrkdwn,
  fallbackText,
  fields,
  header,
  image,
  section,
} from "./blocks.ts";
import type { ChartImage } from "./digest.ts";
import { formatCount } from "./format.ts";

export const ALERT_EVENT_TYPE = "offer_alert";

/** Button action ids; each button's value is the rule id. */
export const ALERT_ACTIONS = {
  snooze1h: "alert_snooze_1h",
  snoozeTomorrow: "alert_snooze_tomorrow",
  snooze1w: "alert_snooze_1w",
  mute: "alert_mute",
  unmute: "alert_unmute",
} as const;

/** Every action id of the alert message's buttons, for the listener. */
export const ALERT_ACTION_PATTERN = actionIdPattern(ALERT_ACTIONS);

export interface AlertMessageInput extends Where {
  readonly ruleId: number;
  /** The rule in its canonical words: "below 5 per 1h". */
  readonly ruleText: string;
  readonly kind: RuleKind;
  readonly interval: Interval;
  readonly timezone: string;
  /** The bucket that fired (or, for an update, the newest judged one) and its count. */
  readonly at: number;
  readonly value: number;
  readonly expected: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Why it breached, from the detector: "3 is below 5". */
  readonly reason: string;
  /** First breaching bucket of the incident. */
  readonly incidentStartedAt: number;
  /** Why the rule is judged at another bucket size than asked, or null. */
  readonly intervalNote: string | null;
  readonly chart?: ChartImage | null;
  readonly chartFailed?: boolean;
  /** Stored in the metadata, so an edit keeps the key that finds the message after a crash. */
  readonly runKey?: string;
}

export interface AlertMessage {
  text: string;
  blocks: Block[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

function metadata(runKey: string | undefined): AlertMessage["metadata"] {
  return runKey === undefined
    ? undefined
    : { event_type: ALERT_EVENT_TYPE, event_payload: { run_key: runKey } };
}

function finish(text: string[], blocks: Block[], runKey: string | undefined): AlertMessage {
  const meta = metadata(runKey);
  return { text: fallbackText(text), blocks: clampBlocks(blocks), ...(meta ? { metadata: meta } : {}) };
}

function chartBlocks(a: AlertMessageInput): Block[] {
  if (a.chart) return [image(a.chart, a.chart.altText)];
  if (a.chartFailed) return [context(["⚠️ Chart unavailable this time; the numbers above are complete."])];
  return [];
}

function footer(a: AlertMessageInput): Block {
  const items = [`Alert #${a.ruleId} · \`${escapeMrkdwn(a.ruleText)}\` · ${escapeMrkdwn(a.timezone)}`];
  if (a.intervalNote !== null) items.push(`ℹ️ ${escapeMrkdwn(a.intervalNote)}`);
  return context(items);
}

function title(a: AlertMessageInput): string {
  return a.label === "" ? a.ruleText : `${a.ruleText} (${a.label})`;
}

/** The buttons of a firing message: three snoozes and mute. */
export function alertButtons(ruleId: number): Block {
  const id = String(ruleId);
  return actions(
    [
      button("Snooze 1 h", ALERT_ACTIONS.snooze1h, id),
      button("Snooze until tomorrow 08:00", ALERT_ACTIONS.snoozeTomorrow, id),
      button("Snooze 1 week", ALERT_ACTIONS.snooze1w, id),
      button("Mute", ALERT_ACTIONS.mute, id, {
        style: "danger",
        confirm: confirmDialog(
          `Mute alert #${ruleId}?`,
          "No alert messages at all until someone presses Unmute. The rule keeps watching.",
          "Mute",
        ),
      }),
    ],
    `alert_${id}`,
  );
}

/** The firing message; `now` (the judged bucket's end) tells how long the incident has lasted. */
export function firingMessage(a: AlertMessageInput, now: number): AlertMessage {
  const where = whereInWords(a);
  const value = `${formatCount(a.value)} in ${bucketInWords(a.at, a.interval, a.timezone)}`;
  const expected = expectationInWords(a);
  const since = `${localWhen(a.incidentStartedAt, a.timezone)} (${durationInWords(now - a.incidentStartedAt)})`;
  const blocks: Block[] = [
    header(`🚨 Offer usages: ${title(a)}`),
    section(`*${escapeMrkdwn(a.reason)}*`),
    fields([
      `*Value*\n${escapeMrkdwn(value)}`,
      `*Expected*\n${escapeMrkdwn(expected)}`,
      `*Since*\n${escapeMrkdwn(since)}`,
      `*Where*\n${escapeMrkdwn(where)}`,
    ]),
    ...chartBlocks(a),
    alertButtons(a.ruleId),
    footer(a),
  ];
  const text = [
    `🚨 Alert #${a.ruleId} firing: ${escapeMrkdwn(title(a))}`,
    `${escapeMrkdwn(value)}; expected ${escapeMrkdwn(expected)}; since ${escapeMrkdwn(since)}; ${escapeMrkdwn(where)}.`,
  ];
  return finish(text, blocks, a.runKey);
}

/**
 * The same message once resolved: how long it lasted, when, where; no buttons left to press.
 * `a` carries the resolving bucket's verdict (its value and expectation), not the first one's.
 */
export function resolvedMessage(a: AlertMessageInput, normalSince: number): AlertMessage {
  const lasted = durationInWords(normalSince - a.incidentStartedAt);
  const where = whereInWords(a);
  const span = `${localWhen(a.incidentStartedAt, a.timezone)} to ${localWhen(normalSince, a.timezone)}`;
  const blocks: Block[] = [
    header(`✅ Resolved: ${title(a)}`),
    section(
      `*Resolved after ${lasted}.* Back to normal: ${formatCount(a.value)} in ${escapeMrkdwn(bucketInWords(a.at, a.interval, a.timezone))}.`,
    ),
    fields([
      `*Incident*\n${escapeMrkdwn(span)}`,
      `*Where*\n${escapeMrkdwn(where)}`,
      `*Expected*\n${escapeMrkdwn(expectationInWords(a))}`,
    ]),
    ...chartBlocks(a),
    footer(a),
  ];
  const text = [
    `✅ Alert #${a.ruleId} resolved after ${lasted}: ${escapeMrkdwn(title(a))}`,
    `${escapeMrkdwn(span)}; ${escapeMrkdwn(where)}.`,
  ];
  return finish(text, blocks, a.runKey);
}

/**
 * Thread reply when an incident resolves: "Back to normal after 2 h 10 min: …". `normalSince` is the
 * start of the first healthy bucket of the run that resolved it (the incident's real end).
 */
export function resolvedReply(a: AlertMessageInput, normalSince: number): AlertMessage {
  const lasted = durationInWords(normalSince - a.incidentStartedAt);
  const line = `✅ Back to normal after ${lasted}: ${formatCount(a.value)} in ${bucketInWords(a.at, a.interval, a.timezone)}.`;
  return finish([escapeMrkdwn(line)], [section(escapeMrkdwn(line)), ...chartBlocks(a)], undefined);
}

/** Thread reply reminding that an incident is still open, with the newest value. */
export function renotifyReply(a: AlertMessageInput, now: number): AlertMessage {
  const line = `⏰ Still firing after ${durationInWords(now - a.incidentStartedAt)}: ${formatCount(a.value)} in ${bucketInWords(a.at, a.interval, a.timezone)}; expected ${expectationInWords(a)}.`;
  return finish([escapeMrkdwn(line)], [section(escapeMrkdwn(line))], undefined);
}

/** The ephemeral answer to a snooze button: until when, in the rule's zone. */
export function snoozedReply(ruleId: number, until: number, zone: string): AlertMessage {
  const line = `😴 Alert #${ruleId} is snoozed until ${localWhen(until, zone)} (${zone}). It keeps watching; an incident still open then is announced.`;
  return finish([escapeMrkdwn(line)], [section(escapeMrkdwn(line))], undefined);
}

/** The ephemeral answer to Mute (with an Unmute button) and to Unmute. */
export function mutedReply(ruleId: number, muted: boolean): AlertMessage {
  const line = muted
    ? `🔕 Alert #${ruleId} is muted: no alert messages until someone unmutes it. It keeps watching.`
    : `🔔 Alert #${ruleId} is unmuted: incidents are announced again.`;
  const blocks: Block[] = [section(escapeMrkdwn(line))];
  if (muted) blocks.push(actions([button("Unmute", ALERT_ACTIONS.unmute, String(ruleId))]));
  return finish([escapeMrkdwn(line)], blocks, undefined);
}

/**
 * Alert messages: one message per incident, posted when it fires and edited in place as it goes
 * on and when it resolves; thread replies tell the changes. Pure builders; user-typed and data-borne
 * text is escaped; limits are enforced at the end.
 */
import type { RuleKind } from "../src/alerts/rule.ts";
import { EN, type Lang, type Messages, messages } from "../src/i18n/index.ts";
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
  /** The language of the message (the rule's `lang=`, else the workspace's); English when absent. */
  readonly lang?: Lang;
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

function chartBlocks(a: AlertMessageInput, m: Messages): Block[] {
  if (a.chart) return [image(a.chart, a.chart.altText)];
  if (a.chartFailed) return [context([`⚠️ ${m.t("alert.chartFailed")}`])];
  return [];
}

function footer(a: AlertMessageInput, m: Messages): Block {
  const items = [
    `${m.t("alert.footer", { id: a.ruleId })} · \`${escapeMrkdwn(a.ruleText)}\` · ${escapeMrkdwn(a.timezone)}`,
  ];
  if (a.intervalNote !== null) items.push(`ℹ️ ${escapeMrkdwn(a.intervalNote)}`);
  return context(items);
}

function title(a: AlertMessageInput): string {
  return a.label === "" ? a.ruleText : `${a.ruleText} (${a.label})`;
}

/** The buttons of a firing message: three snoozes and mute. */
export function alertButtons(ruleId: number, m: Messages = EN): Block {
  const id = String(ruleId);
  return actions(
    [
      button(m.t("alert.snooze1h"), ALERT_ACTIONS.snooze1h, id),
      button(m.t("alert.snoozeTomorrow"), ALERT_ACTIONS.snoozeTomorrow, id),
      button(m.t("alert.snooze1w"), ALERT_ACTIONS.snooze1w, id),
      button(m.t("alert.mute"), ALERT_ACTIONS.mute, id, {
        style: "danger",
        confirm: confirmDialog(
          m.t("alert.muteTitle", { id: ruleId }),
          m.t("alert.muteText"),
          m.t("alert.mute"),
          m.t("reply.cancel"),
        ),
      }),
    ],
    `alert_${id}`,
  );
}

/** The firing message; `now` (the judged bucket's end) tells how long the incident has lasted. */
export function firingMessage(a: AlertMessageInput, now: number): AlertMessage {
  const m = messages(a.lang);
  const where = whereInWords(a, m);
  const value = m.t("alert.valueIn", {
    n: formatCount(a.value, m),
    bucket: bucketInWords(a.at, a.interval, a.timezone, m),
  });
  const expected = expectationInWords(a, m);
  const since = `${localWhen(a.incidentStartedAt, a.timezone, m)} (${durationInWords(now - a.incidentStartedAt, m)})`;
  const blocks: Block[] = [
    header(m.t("alert.header", { title: title(a) })),
    section(`*${escapeMrkdwn(a.reason)}*`),
    fields([
      `*${m.t("alert.value")}*\n${escapeMrkdwn(value)}`,
      `*${m.t("alert.expected")}*\n${escapeMrkdwn(expected)}`,
      `*${m.t("alert.since")}*\n${escapeMrkdwn(since)}`,
      `*${m.t("alert.where")}*\n${escapeMrkdwn(where)}`,
    ]),
    ...chartBlocks(a, m),
    alertButtons(a.ruleId, m),
    footer(a, m),
  ];
  const text = [
    m.t("alert.firingText", { id: a.ruleId, title: escapeMrkdwn(title(a)) }),
    m.t("alert.firingLine", {
      value: escapeMrkdwn(value),
      expected: escapeMrkdwn(expected),
      since: escapeMrkdwn(since),
      where: escapeMrkdwn(where),
    }),
  ];
  return finish(text, blocks, a.runKey);
}

/**
 * The same message once resolved: how long it lasted, when, where; no buttons left to press.
 * `a` carries the resolving bucket's verdict (its value and expectation), not the first one's.
 */
export function resolvedMessage(a: AlertMessageInput, normalSince: number): AlertMessage {
  const m = messages(a.lang);
  const lasted = durationInWords(normalSince - a.incidentStartedAt, m);
  const where = whereInWords(a, m);
  const span = m.t("alert.span", {
    from: localWhen(a.incidentStartedAt, a.timezone, m),
    to: localWhen(normalSince, a.timezone, m),
  });
  const blocks: Block[] = [
    header(m.t("alert.resolvedHeader", { title: title(a) })),
    section(
      m.t("alert.resolvedLead", {
        lasted,
        n: formatCount(a.value, m),
        bucket: escapeMrkdwn(bucketInWords(a.at, a.interval, a.timezone, m)),
      }),
    ),
    fields([
      `*${m.t("alert.incident")}*\n${escapeMrkdwn(span)}`,
      `*${m.t("alert.where")}*\n${escapeMrkdwn(where)}`,
      `*${m.t("alert.expected")}*\n${escapeMrkdwn(expectationInWords(a, m))}`,
    ]),
    ...chartBlocks(a, m),
    footer(a, m),
  ];
  const text = [
    m.t("alert.resolvedText", { id: a.ruleId, lasted, title: escapeMrkdwn(title(a)) }),
    m.t("alert.resolvedLine", { span: escapeMrkdwn(span), where: escapeMrkdwn(where) }),
  ];
  return finish(text, blocks, a.runKey);
}

/**
 * Thread reply when an incident resolves: "Back to normal after 2 h 10 min: …". `normalSince` is the
 * start of the first healthy bucket of the run that resolved it (the incident's real end).
 */
export function resolvedReply(a: AlertMessageInput, normalSince: number): AlertMessage {
  const m = messages(a.lang);
  const line = m.t("alert.backToNormal", {
    lasted: durationInWords(normalSince - a.incidentStartedAt, m),
    n: formatCount(a.value, m),
    bucket: bucketInWords(a.at, a.interval, a.timezone, m),
  });
  return finish([escapeMrkdwn(line)], [section(escapeMrkdwn(line)), ...chartBlocks(a, m)], undefined);
}

/** Thread reply reminding that an incident is still open, with the newest value. */
export function renotifyReply(a: AlertMessageInput, now: number): AlertMessage {
  const m = messages(a.lang);
  const line = m.t("alert.stillFiring", {
    lasted: durationInWords(now - a.incidentStartedAt, m),
    n: formatCount(a.value, m),
    bucket: bucketInWords(a.at, a.interval, a.timezone, m),
    expected: expectationInWords(a, m),
  });
  return finish([escapeMrkdwn(line)], [section(escapeMrkdwn(line))], undefined);
}

/** The ephemeral answer to a snooze button: until when, in the rule's zone. */
export function snoozedReply(ruleId: number, until: number, zone: string, m: Messages = EN): AlertMessage {
  const line = m.t("alert.snoozed", { id: ruleId, until: localWhen(until, zone, m), zone });
  return finish([escapeMrkdwn(line)], [section(escapeMrkdwn(line))], undefined);
}

/** The ephemeral answer to Mute (with an Unmute button) and to Unmute. */
export function mutedReply(ruleId: number, muted: boolean, m: Messages = EN): AlertMessage {
  const line = m.t(muted ? "alert.muted" : "alert.unmuted", { id: ruleId });
  const blocks: Block[] = [section(escapeMrkdwn(line))];
  if (muted) blocks.push(actions([button(m.t("alert.unmute"), ALERT_ACTIONS.unmute, String(ruleId))]));
  return finish([escapeMrkdwn(line)], blocks, undefined);
}

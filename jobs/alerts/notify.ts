/**
 * Tells Slack what the state machine decided: one message per incident (run key
 * `alert:<rule>:<label>:<incident start>`), edited in place as it goes on and when it resolves, and
 * thread replies for reminders and the resolution. Messages come from templates/alert.ts.
 */
import type { WebClient } from "@slack/web-api";
import type { Evaluation } from "../../src/alerts/evaluation.ts";
import type { Notification } from "../../src/alerts/lifecycle.ts";
import { recoverNeeded } from "../../src/alerts/lifecycle.ts";
import type { ChartDrawer } from "../../src/charts/renderer.ts";
import type { Delivery } from "../../src/delivery/index.ts";
import { type Lang, messages } from "../../src/i18n/index.ts";
import { alertChartInput, renderAlertFile } from "../../src/pipeline/alert/chart.ts";
import type { LabelSeries } from "../../src/pipeline/alert/history.ts";
import type { AlertPlan } from "../../src/pipeline/alert/plan.ts";
import { nextBucket } from "../../src/placewise/grid.ts";
import { aggregationInWords, labelInWords } from "../../src/report/labels.ts";
import type { AlertRuleRecord as StoredRule } from "../../src/store/alerts.ts";
import {
  ALERT_EVENT_TYPE,
  type AlertMessageInput,
  firingMessage,
  renotifyReply,
  resolvedMessage,
  resolvedReply,
} from "../../templates/alert.ts";
import type { ChartImage } from "../../templates/digest.ts";

export interface NotifyDeps {
  readonly delivery: Delivery;
  readonly web: WebClient;
  readonly charts: ChartDrawer;
}

export interface Posted {
  readonly channel: string;
  readonly ts: string;
}

export interface NotifyInput {
  readonly rule: StoredRule;
  readonly plan: AlertPlan;
  readonly label: LabelSeries;
  readonly notify: Notification;
  /** Verdicts on the chart's buckets, ending at the notified one. */
  readonly recent: readonly Evaluation[];
  /** The incident's message, when one was posted. */
  readonly message: Posted | null;
  /** This bucket's evaluation was claimed before (a crash or a retry): look before posting again. */
  readonly retry: boolean;
  /** The workspace's language (src/app/language.ts), for a rule without `lang=`; English when absent. */
  readonly lang?: Lang;
}

/** The rule's `lang=`, else the workspace's. */
function languageOf(n: NotifyInput): Lang {
  return n.plan.words.lang ?? n.lang ?? "en";
}

/** The label in the message's language ("unknown", "authorized" are words; "female" is the data's). */
function labelWords(n: NotifyInput, lang: Lang): string {
  const by = n.plan.words.aggregateBy;
  if (by === null || lang === "en") return n.label.name;
  return labelInWords(by, n.label.key === "null" ? null : n.label.key, messages(lang));
}

export function alertRunKey(ruleId: number, labelKey: string, incidentStartedAt: number): string {
  return `alert:${ruleId}:${labelKey}:${incidentStartedAt}`;
}

function messageInput(n: NotifyInput, chart: ChartImage | null, chartFailed: boolean): AlertMessageInput {
  const { rule, plan, label, notify } = n;
  const started = notify.incidentStartedAt ?? notify.at;
  const by = plan.words.aggregateBy;
  const lang = languageOf(n);
  return {
    ...(lang === "en" ? {} : { lang }),
    ruleId: rule.id,
    ruleText: plan.rule.text,
    kind: plan.rule.kind,
    interval: plan.interval,
    timezone: plan.timezone,
    filters: plan.words.filters,
    customer: plan.words.customer,
    byWords: by === null ? null : aggregationInWords(by, messages(lang)),
    label: labelWords(n, lang),
    at: notify.at,
    value: notify.value,
    expected: notify.expected,
    low: notify.low,
    high: notify.high,
    reason: notify.reason,
    incidentStartedAt: started,
    intervalNote: plan.intervalNote,
    chart,
    chartFailed,
    runKey: alertRunKey(rule.id, label.key, started),
  };
}

/** The chart the incident's message shows, so an edit keeps it (Slack replaces all blocks). */
async function shownChart(web: WebClient, m: Posted): Promise<ChartImage | null> {
  try {
    const res = await web.conversations.history({
      channel: m.channel,
      latest: m.ts,
      inclusive: true,
      limit: 1,
    });
    const found = (res.messages ?? [])[0] as { ts?: string; blocks?: unknown[] } | undefined;
    if (found?.ts !== m.ts) return null;
    for (const b of (found.blocks ?? []) as Array<{
      type?: string;
      alt_text?: string;
      slack_file?: { id?: string };
    }>) {
      if (b.type === "image" && typeof b.slack_file?.id === "string")
        return { fileId: b.slack_file.id, altText: b.alt_text ?? "Alert chart" };
    }
  } catch {
    // The edit goes out without the chart rather than not at all.
  }
  return null;
}

async function renderChart(charts: ChartDrawer, n: NotifyInput) {
  const by = n.plan.words.aggregateBy;
  const lang = languageOf(n);
  const byWords = by === null ? null : aggregationInWords(by, messages(lang));
  const label = { ...n.label, name: labelWords(n, lang) };
  return n.recent.length === 0
    ? null
    : renderAlertFile(charts, alertChartInput(n.plan, label, n.recent, byWords, lang), n.rule.id);
}

/** Sends what `n.notify` asks for; returns the incident's message (new, or the one it had). */
export async function sendNotification(deps: NotifyDeps, n: NotifyInput): Promise<Posted | null> {
  const { notify, rule, plan } = n;
  const end = nextBucket(notify.at, plan.interval, plan.timezone);
  const base = messageInput(n, null, false);
  const runKey = base.runKey as string;
  if (notify.kind === "firing" || n.message === null) {
    if (notify.kind === "resolved") return null;
    const chart = await renderChart(deps.charts, n);
    const posted = await deps.delivery.post({
      channel: rule.channelId,
      chart,
      message: (ref) => firingMessage(messageInput(n, ref, chart === null || ref === null), end),
      runKey,
      eventType: ALERT_EVENT_TYPE,
      dedupe: n.retry,
    });
    return { channel: posted.channel, ts: posted.ts };
  }
  const m = n.message;
  const shown = await shownChart(deps.web, m);
  const thread = { channel: m.channel, threadTs: m.ts, runKey: `${runKey}:${notify.kind}:${notify.at}` };
  if (notify.kind === "renotify") {
    const message = firingMessage({ ...base, chart: shown }, end);
    await deps.delivery.update({ channel: m.channel, ts: m.ts, message });
    await deps.delivery.post({
      ...thread,
      message: renotifyReply(base, end),
      eventType: ALERT_EVENT_TYPE,
      dedupe: n.retry,
    });
    return m;
  }
  // The healthy run that resolved it began recoverNeeded - 1 buckets before the resolving one.
  const normalSince = notify.at - (recoverNeeded(plan.rule) - 1) * (end - notify.at);
  const message = resolvedMessage({ ...base, chart: shown }, normalSince);
  await deps.delivery.update({ channel: m.channel, ts: m.ts, message });
  const chart = await renderChart(deps.charts, n);
  await deps.delivery.post({
    ...thread,
    chart,
    message: (ref) => resolvedReply({ ...base, chart: ref }, normalSince),
    eventType: ALERT_EVENT_TYPE,
    dedupe: n.retry,
  });
  return m;
}

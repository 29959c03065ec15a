/**
 * The "New digest" / "New alert" / "Edit" modals (views.open / views.update) and their words, in
 * one place so the language catalogue can take the texts over. A form shows the command line it
 * stands for and the next three runs as the person picks; the listener (src/slack/listeners/forms/)
 * reads the picks back by the block ids below. Pure; Slack's limits: 100 blocks a view (these use
 * under 25), title and button texts 24 characters, option texts 75, 100 options a select.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { EN, type Messages, type PlainMessageKey } from "../src/i18n/index.ts";
import { escapeMrkdwn, mrkdwn, plain } from "./blocks.ts";

export type FormKind = "digest" | "alert";

/** Block ids of the form's inputs; kept stable, since a modal open in someone's Slack still uses them. */
export const FORM_BLOCKS = {
  kind: "od_kind",
  channel: "od_channel",
  range: "od_range",
  interval: "od_interval",
  types: "od_types",
  by: "od_by",
  clubs: "od_clubs",
  extra: "od_extra",
  schedule: "od_schedule",
  weekday: "od_weekday",
  monthday: "od_monthday",
  time: "od_time",
  cron: "od_cron",
  tz: "od_tz",
  when: "od_when",
  change: "od_change",
  csv: "od_csv",
  rule: "od_rule",
  threshold: "od_threshold",
  per: "od_per",
  preview: "od_preview",
} as const;

/** Callback ids and action ids; prefixed so no other modal of the app can take them. */
export const FORM_IDS = {
  digestForm: "od_digest_form",
  alertForm: "od_alert_form",
  digestInput: "od_digest_input",
  alertInput: "od_alert_input",
  newDigest: "od_digest_new",
  newAlert: "od_alert_new",
  editDigest: "od_digest_edit",
  editAlert: "od_alert_edit",
} as const;

export const FORM_INPUT_PATTERN = /^od_(digest|alert)_input$/;
export const FORM_CALLBACK_PATTERN = /^od_(digest|alert)_form$/;
export const FORM_OPEN_PATTERN = /^od_(digest_new|alert_new|digest_edit|alert_edit)$/;

/** What the form currently picks, as the builder needs it (src/slack/forms/state.ts has the full state). */
export interface FormView {
  readonly kind: FormKind;
  /** Null when the channel is fixed (opened from a channel or for an edit). */
  readonly pickChannel: boolean;
  readonly editId: number | null;
  /** Offered only on a new form: switch between a digest and an alert. */
  readonly canSwitchKind: boolean;
  readonly values: {
    readonly schedule: string;
    readonly time: string;
    readonly weekday: string;
    readonly monthday: string;
    readonly cron: string;
    readonly tz: string;
    readonly range: string;
    readonly interval: string;
    readonly types: readonly string[];
    readonly by: string;
    readonly clubs: string;
    readonly extra: string;
    readonly when: string;
    readonly change: string;
    readonly csv: boolean;
    readonly rule: string;
    readonly threshold: string;
    readonly per: string;
    readonly channel: string;
  };
  /** The command line the form stands for, and either the next runs in words or what is wrong. */
  readonly preview: {
    readonly command: string;
    readonly runs: readonly string[];
    readonly problem: string | null;
  };
  /** JSON the listener reads back (channel, edit id, hidden values), at most 3000 characters. */
  readonly metadata: string;
}

export const RANGE_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["today", "form.range.today"],
  ["yesterday", "form.range.yesterday"],
  ["last 24h", "form.range.last24h"],
  ["last 7d", "form.range.last7d"],
  ["last 30d", "form.range.last30d"],
  ["this week", "form.range.thisWeek"],
  ["last week", "form.range.lastWeek"],
  ["this month", "form.range.thisMonth"],
  ["last month", "form.range.lastMonth"],
];
const INTERVAL_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["", "form.interval.auto"],
  ["5m", "form.interval.5m"],
  ["1h", "form.interval.1h"],
  ["1d", "form.interval.1d"],
  ["1w", "form.interval.1w"],
  ["1mo", "form.interval.1mo"],
];
const PER_CHOICES = INTERVAL_CHOICES.filter(([v]) => v === "5m" || v === "1h" || v === "1d");

/** An edited alert's bucket size the list does not offer (`per 1w`) is offered too, so it is kept. */
function perChoices(m: Messages, per: string): ReadonlyArray<[string, string]> {
  if (per === "" || PER_CHOICES.some(([v]) => v === per)) return tr(m, PER_CHOICES);
  const known = INTERVAL_CHOICES.find(([v]) => v === per);
  return [...tr(m, PER_CHOICES), known ? [per, m.t(known[1])] : [per, per]];
}
const BY_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["", "form.by.none"],
  ["member_gender", "form.by.member_gender"],
  ["member_age", "form.by.member_age"],
  ["member_city_place_id", "form.by.member_city_place_id"],
  ["member_place_id", "form.by.member_place_id"],
  ["authorized", "form.by.authorized"],
  ["authorization_type", "form.by.authorization_type"],
];
const TYPE_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["regular", "form.type.regular"],
  ["birthday", "form.type.birthday"],
  ["exclusive", "form.type.exclusive"],
  ["welcome", "form.type.welcome"],
  ["competition", "form.type.competition"],
];
const SCHEDULE_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["daily", "form.schedule.daily"],
  ["weekdays", "form.schedule.weekdays"],
  ["weekly", "form.schedule.weekly"],
  ["monthly", "form.schedule.monthly"],
  ["cron", "form.schedule.cron"],
];
const WEEKDAY_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["mon", "form.day.mon"],
  ["tue", "form.day.tue"],
  ["wed", "form.day.wed"],
  ["thu", "form.day.thu"],
  ["fri", "form.day.fri"],
  ["sat", "form.day.sat"],
  ["sun", "form.day.sun"],
];
function monthdayChoices(m: Messages): ReadonlyArray<[string, string]> {
  return [
    ...Array.from({ length: 28 }, (_, i): [string, string] => [
      String(i + 1),
      m.t("form.monthday.n", { n: i + 1 }),
    ]),
    ["last", m.t("form.monthday.last")],
  ];
}

/** The choices with their labels in `m`'s language. */
function tr(m: Messages, choices: ReadonlyArray<[string, PlainMessageKey]>): ReadonlyArray<[string, string]> {
  return choices.map(([v, key]) => [v, m.t(key)]);
}
/** Placewise's clubs are in Norway, Sweden, Finland and Denmark; UTC and London for everyone else. */
export const ZONE_CHOICES: readonly string[] = [
  "Europe/Oslo",
  "Europe/Stockholm",
  "Europe/Helsinki",
  "Europe/Copenhagen",
  "Europe/London",
  "UTC",
];
const WHEN_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["always", "form.when.always"],
  ["nonzero", "form.when.nonzero"],
  ["changed", "form.when.changed"],
];
const RULE_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["below", "form.rule.below"],
  ["above", "form.rule.above"],
  ["drop", "form.rule.drop"],
  ["rise", "form.rule.rise"],
  ["anomaly", "form.rule.anomaly"],
];
const KIND_CHOICES: ReadonlyArray<[string, PlainMessageKey]> = [
  ["digest", "form.kind.digest"],
  ["alert", "form.kind.alert"],
];

function option(value: string, text: string): PlainTextOption {
  // An empty value is not allowed by Slack; "-" stands for "none" and reads back as "".
  return { text: plain(text, 75), value: value === "" ? "-" : value };
}

function select(
  kind: FormKind,
  choices: ReadonlyArray<[string, string]>,
  selected: string,
  placeholder: string,
): Record<string, unknown> {
  const options = choices.slice(0, 100).map(([v, t]) => option(v, t));
  const initial = options.find((o) => o.value === (selected === "" ? "-" : selected));
  return {
    type: "static_select",
    action_id: `od_${kind}_input`,
    placeholder: plain(placeholder, 150),
    options,
    ...(initial === undefined ? {} : { initial_option: initial }),
  };
}

function textInput(kind: FormKind, value: string, placeholder: string): Record<string, unknown> {
  return {
    type: "plain_text_input",
    action_id: `od_${kind}_input`,
    placeholder: plain(placeholder, 150),
    ...(value === "" ? {} : { initial_value: value.slice(0, 3000) }),
  };
}

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  opts: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label, 2000),
    element,
    dispatch_action: opts.dispatch ?? true,
    optional: opts.optional ?? false,
    ...(opts.hint === undefined ? {} : { hint: plain(opts.hint, 2000) }),
  } as unknown as KnownBlock;
}

const B = FORM_BLOCKS;

function queryBlocks(f: FormView, m: Messages): KnownBlock[] {
  const k = f.kind;
  const v = f.values;
  const out: KnownBlock[] = [];
  if (k === "digest") {
    out.push(
      input(B.range, m.t("form.period"), select(k, tr(m, RANGE_CHOICES), v.range, m.t("form.periodPick"))),
    );
    out.push(
      input(
        B.interval,
        m.t("form.buckets"),
        select(k, tr(m, INTERVAL_CHOICES), v.interval, m.t("form.bucketSize")),
      ),
    );
  } else {
    out.push(input(B.rule, m.t("form.rule"), select(k, tr(m, RULE_CHOICES), v.rule, m.t("form.rulePick"))));
    if (v.rule !== "anomaly") {
      const hint = v.rule === "drop" || v.rule === "rise" ? m.t("form.percentHint") : m.t("form.countHint");
      out.push(
        input(
          B.threshold,
          v.rule === "drop" || v.rule === "rise" ? m.t("form.byPercent") : "N",
          textInput(k, v.threshold, hint),
        ),
      );
    }
    out.push(input(B.per, m.t("form.per"), select(k, perChoices(m, v.per), v.per, m.t("form.bucketSize"))));
  }
  const typeOptions = tr(m, TYPE_CHOICES).map(([val, t]) => option(val, t));
  const typesSelected = typeOptions.filter((o) => v.types.includes(o.value ?? ""));
  out.push(
    input(
      B.types,
      m.t("form.types"),
      {
        type: "multi_static_select",
        action_id: `od_${k}_input`,
        placeholder: plain(m.t("form.typesAll"), 150),
        options: typeOptions,
        ...(typesSelected.length === 0 ? {} : { initial_options: typesSelected }),
      },
      { optional: true },
    ),
  );
  if (k === "digest")
    out.push(
      input(B.by, m.t("form.breakdown"), select(k, tr(m, BY_CHOICES), v.by, m.t("form.by.none")), {
        optional: true,
      }),
    );
  // The bot has no list of a token's clubs to offer; ids beyond these two go in "More words" (club=…).
  const clubs: [string, string][] = [
    ["", m.t("form.clubs.workspace")],
    ["all", m.t("form.clubs.all")],
  ];
  if (v.clubs !== "" && v.clubs !== "all" && v.clubs.length <= 150)
    clubs.push([v.clubs, m.t("form.clubs.ids", { ids: v.clubs })]);
  out.push(
    input(B.clubs, m.t("form.clubs"), select(k, clubs, v.clubs, m.t("form.clubs.workspace")), {
      optional: true,
      hint: m.t("form.clubsHint"),
    }),
  );
  out.push(
    input(B.extra, m.t("form.extra"), textInput(k, v.extra, "member_gender=female store_id=12"), {
      optional: true,
      hint: m.t("form.extraHint"),
    }),
  );
  return out;
}

function scheduleBlocks(f: FormView, m: Messages): KnownBlock[] {
  const k = f.kind;
  const v = f.values;
  const out: KnownBlock[] = [
    input(
      B.schedule,
      m.t("form.schedule"),
      select(k, tr(m, SCHEDULE_CHOICES), v.schedule, m.t("form.schedulePick")),
    ),
  ];
  if (v.schedule === "weekly")
    out.push(
      input(
        B.weekday,
        m.t("form.weekday"),
        select(k, tr(m, WEEKDAY_CHOICES), v.weekday, m.t("form.weekdayPick")),
      ),
    );
  if (v.schedule === "monthly")
    out.push(
      input(
        B.monthday,
        m.t("form.monthday"),
        select(k, monthdayChoices(m), v.monthday, m.t("form.monthday")),
      ),
    );
  if (v.schedule === "cron") {
    out.push(
      input(B.cron, m.t("form.cron"), textInput(k, v.cron, "0 8 * * 1-5"), {
        hint: m.t("form.cronHint"),
      }),
    );
  } else
    out.push(input(B.time, m.t("form.time"), textInput(k, v.time, "08:00"), { hint: m.t("form.timeHint") }));
  return out;
}

function zoneBlock(f: FormView, m: Messages): KnownBlock {
  const zones =
    ZONE_CHOICES.includes(f.values.tz) || f.values.tz === "" ? ZONE_CHOICES : [f.values.tz, ...ZONE_CHOICES];
  return input(
    B.tz,
    m.t("form.tz"),
    select(
      f.kind,
      zones.map((z) => [z, z]),
      f.values.tz,
      m.t("form.tz"),
    ),
  );
}

function deliveryBlocks(f: FormView, m: Messages): KnownBlock[] {
  const k = f.kind;
  const v = f.values;
  const out: KnownBlock[] = [
    input(B.when, m.t("form.post"), select(k, tr(m, WHEN_CHOICES), v.when, m.t("form.when.always"))),
  ];
  if (v.when === "changed") {
    out.push(
      input(B.change, m.t("form.change"), textInput(k, v.change, "10"), {
        optional: true,
        hint: m.t("form.changeHint"),
      }),
    );
  }
  const csv = option("csv", m.t("form.csvOption"));
  out.push(
    input(
      B.csv,
      "CSV",
      {
        type: "checkboxes",
        action_id: `od_${k}_input`,
        options: [csv],
        ...(v.csv ? { initial_options: [csv] } : {}),
      },
      { optional: true },
    ),
  );
  return out;
}

function previewBlock(f: FormView, m: Messages): KnownBlock {
  const p = f.preview;
  const lines = [`*${m.t("form.command")}*\n\`/offers ${escapeMrkdwn(p.command)}\``];
  if (p.problem !== null) lines.push(`:warning: ${escapeMrkdwn(p.problem)}`);
  else if (p.runs.length > 0)
    lines.push(`*${m.t("form.nextRuns")}*\n${p.runs.map((r) => `• ${escapeMrkdwn(r)}`).join("\n")}`);
  return { type: "section", block_id: B.preview, text: mrkdwn(lines.join("\n")) };
}

/** The whole modal for views.open / views.update. */
export function formModal(f: FormView, m: Messages = EN): ModalView {
  const blocks: KnownBlock[] = [];
  if (f.canSwitchKind)
    blocks.push(
      input(B.kind, m.t("form.kind"), select(f.kind, tr(m, KIND_CHOICES), f.kind, m.t("form.kindPick"))),
    );
  if (f.pickChannel) {
    blocks.push(
      input(
        B.channel,
        m.t("form.channel"),
        {
          type: "conversations_select",
          action_id: `od_${f.kind}_input`,
          placeholder: plain(m.t("form.channelPick"), 150),
          filter: { include: ["public", "private"], exclude_bot_users: true },
          ...(f.values.channel === ""
            ? { default_to_current_conversation: true }
            : { initial_conversation: f.values.channel }),
        },
        { dispatch: false },
      ),
    );
  }
  blocks.push(...queryBlocks(f, m));
  if (f.kind === "digest")
    blocks.push({ type: "divider" }, ...scheduleBlocks(f, m), zoneBlock(f, m), ...deliveryBlocks(f, m));
  else blocks.push(zoneBlock(f, m));
  blocks.push({ type: "divider" }, previewBlock(f, m));
  const title =
    f.editId !== null
      ? m.t("form.edit", { id: f.editId })
      : f.kind === "digest"
        ? m.t("form.newDigest")
        : m.t("form.newAlert");
  return {
    type: "modal",
    callback_id: f.kind === "digest" ? FORM_IDS.digestForm : FORM_IDS.alertForm,
    title: plain(title, 24),
    submit: plain(f.editId !== null ? m.t("form.save") : m.t("form.create"), 24),
    close: plain(m.t("form.cancel"), 24),
    private_metadata: f.metadata.slice(0, 3000),
    blocks: blocks.slice(0, 100),
  };
}

/** The select value "-" stands for "none" (Slack refuses an empty option value). */
export function fromOptionValue(value: string): string {
  return value === "-" ? "" : value;
}

/** Field errors the form shows for an invalid submission (response_action: errors). */
export function fieldErrors(block: string, message: string): Record<string, string> {
  // Slack shows at most a couple of lines under a field; the full sentence is kept short.
  return { [block]: message.length > 300 ? `${message.slice(0, 299)}…` : message };
}

/** A refusal said on the form itself (the channel field, or the first field when there is none), in `m`'s language. */
export function formTexts(m: Messages = EN) {
  return {
    notMember: m.t("form.notMember"),
    botNotMember: m.t("form.botNotMember"),
    noChannel: m.t("form.noChannel"),
    saved: (what: string) => m.t("form.saved", { what }),
  } as const;
}

/** The English refusals (formTexts(EN)), for callers that name no language. */
export const FORM_TEXTS = formTexts(EN);

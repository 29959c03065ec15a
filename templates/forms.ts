/**
 * The "New digest" / "New alert" / "Edit" modals (views.open / views.update) and their words, in
 * one place so the language catalogue can take the texts over. A form shows the command line it
 * stands for and the next three runs as the person picks; the listener (src/slack/listeners/forms/)
 * reads the picks back by the block ids below. Pure; Slack's limits: 100 blocks a view (these use
 * under 25), title and button texts 24 characters, option texts 75, 100 options a select.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
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

export const RANGE_CHOICES: ReadonlyArray<[string, string]> = [
  ["today", "Today so far"],
  ["yesterday", "Yesterday"],
  ["last 24h", "Last 24 hours"],
  ["last 7d", "Last 7 days"],
  ["last 30d", "Last 30 days"],
  ["this week", "This week so far"],
  ["last week", "Last week"],
  ["this month", "This month so far"],
  ["last month", "Last month"],
];
const INTERVAL_CHOICES: ReadonlyArray<[string, string]> = [
  ["", "Automatic"],
  ["5m", "5 minutes"],
  ["1h", "Hour"],
  ["1d", "Day"],
  ["1w", "Week"],
  ["1mo", "Month"],
];
const PER_CHOICES = INTERVAL_CHOICES.filter(([v]) => v === "5m" || v === "1h" || v === "1d");

/** An edited alert's bucket size the list does not offer (`per 1w`) is offered too, so it is kept. */
function perChoices(per: string): ReadonlyArray<[string, string]> {
  if (per === "" || PER_CHOICES.some(([v]) => v === per)) return PER_CHOICES;
  return [...PER_CHOICES, INTERVAL_CHOICES.find(([v]) => v === per) ?? [per, per]];
}
const BY_CHOICES: ReadonlyArray<[string, string]> = [
  ["", "No breakdown"],
  ["member_gender", "Member gender"],
  ["member_age", "Member age"],
  ["member_city_place_id", "Member city"],
  ["member_place_id", "Member place"],
  ["authorized", "Authorized or not"],
  ["authorization_type", "Authorization type"],
];
const TYPE_CHOICES: ReadonlyArray<[string, string]> = [
  ["regular", "Regular"],
  ["birthday", "Birthday"],
  ["exclusive", "Exclusive"],
  ["welcome", "Welcome"],
  ["competition", "Competition"],
];
const SCHEDULE_CHOICES: ReadonlyArray<[string, string]> = [
  ["daily", "Every day"],
  ["weekdays", "Weekdays (Mon–Fri)"],
  ["weekly", "Once a week"],
  ["monthly", "Once a month"],
  ["cron", "Cron expression"],
];
const WEEKDAY_CHOICES: ReadonlyArray<[string, string]> = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
];
const MONTHDAY_CHOICES: ReadonlyArray<[string, string]> = [
  ...Array.from({ length: 28 }, (_, i): [string, string] => [String(i + 1), `Day ${i + 1}`]),
  ["last", "Last day"],
];
/** Placewise's clubs are in Norway, Sweden, Finland and Denmark; UTC and London for everyone else. */
export const ZONE_CHOICES: readonly string[] = [
  "Europe/Oslo",
  "Europe/Stockholm",
  "Europe/Helsinki",
  "Europe/Copenhagen",
  "Europe/London",
  "UTC",
];
const WHEN_CHOICES: ReadonlyArray<[string, string]> = [
  ["always", "Every time"],
  ["nonzero", "Only when there are usages"],
  ["changed", "Only when the total changed"],
];
const RULE_CHOICES: ReadonlyArray<[string, string]> = [
  ["below", "Fewer than N usages"],
  ["above", "More than N usages"],
  ["drop", "Usages drop by X %"],
  ["rise", "Usages rise by X %"],
  ["anomaly", "Unusual usage (anomaly)"],
];
const KIND_CHOICES: ReadonlyArray<[string, string]> = [
  ["digest", "A digest on a schedule"],
  ["alert", "An alert when usage is off"],
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

function queryBlocks(f: FormView): KnownBlock[] {
  const k = f.kind;
  const v = f.values;
  const out: KnownBlock[] = [];
  if (k === "digest") {
    out.push(input(B.range, "Period", select(k, RANGE_CHOICES, v.range, "Pick a period")));
    out.push(input(B.interval, "Buckets", select(k, INTERVAL_CHOICES, v.interval, "Bucket size")));
  } else {
    out.push(input(B.rule, "Alert when", select(k, RULE_CHOICES, v.rule, "Pick a condition")));
    if (v.rule !== "anomaly") {
      const hint =
        v.rule === "drop" || v.rule === "rise" ? "A percentage, like 40" : "A number of usages, like 5";
      out.push(
        input(
          B.threshold,
          v.rule === "drop" || v.rule === "rise" ? "By (%)" : "N",
          textInput(k, v.threshold, hint),
        ),
      );
    }
    out.push(input(B.per, "Per", select(k, perChoices(v.per), v.per, "Bucket size")));
  }
  const typeOptions = TYPE_CHOICES.map(([val, t]) => option(val, t));
  const typesSelected = typeOptions.filter((o) => v.types.includes(o.value ?? ""));
  out.push(
    input(
      B.types,
      "Offer types",
      {
        type: "multi_static_select",
        action_id: `od_${k}_input`,
        placeholder: plain("All offer types", 150),
        options: typeOptions,
        ...(typesSelected.length === 0 ? {} : { initial_options: typesSelected }),
      },
      { optional: true },
    ),
  );
  if (k === "digest")
    out.push(input(B.by, "Breakdown", select(k, BY_CHOICES, v.by, "No breakdown"), { optional: true }));
  // The bot has no list of a token's clubs to offer; ids beyond these two go in "More words" (club=…).
  const clubs: [string, string][] = [
    ["", "The workspace's club"],
    ["all", "All clubs"],
  ];
  if (v.clubs !== "" && v.clubs !== "all" && v.clubs.length <= 150) clubs.push([v.clubs, `Clubs ${v.clubs}`]);
  out.push(
    input(B.clubs, "Clubs", select(k, clubs, v.clubs, "The workspace's club"), {
      optional: true,
      hint: "Other clubs: club=1000941,1000942 in More words.",
    }),
  );
  out.push(
    input(B.extra, "More words", textInput(k, v.extra, "member_gender=female store_id=12"), {
      optional: true,
      hint: "Any other words of /offers, as you would type them.",
    }),
  );
  return out;
}

function scheduleBlocks(f: FormView): KnownBlock[] {
  const k = f.kind;
  const v = f.values;
  const out: KnownBlock[] = [
    input(B.schedule, "When", select(k, SCHEDULE_CHOICES, v.schedule, "Pick a schedule")),
  ];
  if (v.schedule === "weekly")
    out.push(input(B.weekday, "Day", select(k, WEEKDAY_CHOICES, v.weekday, "Day of the week")));
  if (v.schedule === "monthly")
    out.push(
      input(B.monthday, "Day of the month", select(k, MONTHDAY_CHOICES, v.monthday, "Day of the month")),
    );
  if (v.schedule === "cron") {
    out.push(
      input(B.cron, "Cron expression", textInput(k, v.cron, "0 8 * * 1-5"), {
        hint: "Five fields: minute hour day-of-month month day-of-week, read in the time zone below.",
      }),
    );
  } else
    out.push(input(B.time, "Time", textInput(k, v.time, "08:00"), { hint: "24-hour clock, like 08:00." }));
  return out;
}

function zoneBlock(f: FormView): KnownBlock {
  const zones =
    ZONE_CHOICES.includes(f.values.tz) || f.values.tz === "" ? ZONE_CHOICES : [f.values.tz, ...ZONE_CHOICES];
  return input(
    B.tz,
    "Time zone",
    select(
      f.kind,
      zones.map((z) => [z, z]),
      f.values.tz,
      "Time zone",
    ),
  );
}

function deliveryBlocks(f: FormView): KnownBlock[] {
  const k = f.kind;
  const v = f.values;
  const out: KnownBlock[] = [input(B.when, "Post", select(k, WHEN_CHOICES, v.when, "Every time"))];
  if (v.when === "changed") {
    out.push(
      input(B.change, "Changed by more than (%)", textInput(k, v.change, "10"), {
        optional: true,
        hint: "Against the previous period; empty means 10 %.",
      }),
    );
  }
  const csv = option("csv", "Attach the numbers as a CSV file");
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

function previewBlock(f: FormView): KnownBlock {
  const p = f.preview;
  const lines = [`*Command*\n\`/offers ${escapeMrkdwn(p.command)}\``];
  if (p.problem !== null) lines.push(`:warning: ${escapeMrkdwn(p.problem)}`);
  else if (p.runs.length > 0)
    lines.push(`*Next runs*\n${p.runs.map((r) => `• ${escapeMrkdwn(r)}`).join("\n")}`);
  return { type: "section", block_id: B.preview, text: mrkdwn(lines.join("\n")) };
}

/** The whole modal for views.open / views.update. */
export function formModal(f: FormView): ModalView {
  const blocks: KnownBlock[] = [];
  if (f.canSwitchKind)
    blocks.push(input(B.kind, "Create", select(f.kind, KIND_CHOICES, f.kind, "Digest or alert")));
  if (f.pickChannel) {
    blocks.push(
      input(
        B.channel,
        "Channel",
        {
          type: "conversations_select",
          action_id: `od_${f.kind}_input`,
          placeholder: plain("The channel it posts in", 150),
          filter: { include: ["public", "private"], exclude_bot_users: true },
          ...(f.values.channel === ""
            ? { default_to_current_conversation: true }
            : { initial_conversation: f.values.channel }),
        },
        { dispatch: false },
      ),
    );
  }
  blocks.push(...queryBlocks(f));
  if (f.kind === "digest")
    blocks.push({ type: "divider" }, ...scheduleBlocks(f), zoneBlock(f), ...deliveryBlocks(f));
  else blocks.push(zoneBlock(f));
  blocks.push({ type: "divider" }, previewBlock(f));
  const title = f.editId !== null ? `Edit #${f.editId}` : f.kind === "digest" ? "New digest" : "New alert";
  return {
    type: "modal",
    callback_id: f.kind === "digest" ? FORM_IDS.digestForm : FORM_IDS.alertForm,
    title: plain(title, 24),
    submit: plain(f.editId !== null ? "Save" : "Create", 24),
    close: plain("Cancel", 24),
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

/** A refusal said on the form itself: the channel field, or the first field when there is none. */
export const FORM_TEXTS = {
  notMember: "You are not a member of that channel: pick one you are in.",
  botNotMember: "I'm not a member of that channel: invite me with /invite @offer-digest, or pick another.",
  noChannel: "Pick the channel it should post in.",
  saved: (what: string) => `Saved from the form: ${what}`,
} as const;

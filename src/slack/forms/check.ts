/**
 * A form's command line checked by the same code as typed words: `parseCommand`, then the verb's own
 * checks (planSubscription, checkAlertWords), saving nothing. A mistake is put on the field whose
 * words it names, for `response_action: errors` on submit and the preview while picking.
 */
import { FORM_BLOCKS as B, type FormView, formModal } from "../../../templates/forms.ts";
import type { AppDeps } from "../../app/deps.ts";
import { EN, isLang, type Lang, type Messages, messages } from "../../i18n/index.ts";
import { whenInWords } from "../../report/when.ts";
import { ScheduleError } from "../../schedule/errors.ts";
import { InputError } from "../../util/errors.ts";
import { parseCommand } from "../commands/parse.ts";
import { explainError } from "../explain.ts";
import { languageInText } from "../language.ts";
import { checkAlertWords } from "../verbs/alert.ts";
import { planSubscription } from "../verbs/subscribe.ts";
import { commandText, defaultState, type FormState, fieldWords } from "./state.ts";

type CheckDeps = Pick<AppDeps, "clock" | "defaultTimezone" | "minScheduleMinutes" | "pipeline">;

export type FormCheck =
  | {
      readonly ok: true;
      readonly command: string;
      readonly words: readonly string[];
      readonly runs: readonly string[];
    }
  | { readonly ok: false; readonly command: string; readonly block: string; readonly message: string };

/** The field a mistake belongs to: the one whose words hold the word the error names. */
export function fieldOf(e: unknown, state: FormState, defaultTimezone: string): string {
  const fields = fieldWords(state, defaultTimezone);
  const word = e instanceof InputError ? e.word?.toLowerCase() : undefined;
  if (word !== undefined && word !== "") {
    for (const [block, words] of fields) if (words.some((w) => w.toLowerCase() === word)) return block;
    for (const [block, words] of fields) if (words.some((w) => w.toLowerCase().includes(word))) return block;
  }
  if (state.kind === "digest") {
    if (e instanceof ScheduleError) return state.schedule === "cron" ? B.cron : B.time;
    return B.range;
  }
  return state.rule === "anomaly" ? B.per : B.threshold;
}

export function checkForm(deps: CheckDeps, state: FormState, m: Messages = EN): FormCheck {
  const command = commandText(state, deps.defaultTimezone);
  try {
    const cmd = parseCommand(command);
    if (cmd.verb === "subscribe" && state.kind === "digest") {
      const plan = planSubscription(deps, cmd.words);
      return {
        ok: true,
        command,
        words: cmd.words,
        runs: plan.runs.map((r) => `${whenInWords(r, plan.timezone, m)} ${plan.timezone}`),
      };
    }
    if (cmd.verb === "alert" && state.kind === "alert") {
      checkAlertWords(deps, cmd.words);
      return { ok: true, command, words: cmd.words, runs: [] };
    }
    throw new InputError(`The form made \`${command}\`, which is not a ${state.kind}.`);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return {
      ok: false,
      command,
      block: fieldOf(e, state, deps.defaultTimezone),
      message: explainError(e, m),
    };
  }
}

/** What travels in the modal's private_metadata. Forgeable: every part is checked again on submit. */
export interface FormMeta {
  /** The channel the form was opened for; "" when the person picks it (from Home). */
  readonly channel: string;
  readonly editId: number | null;
  readonly canSwitchKind: boolean;
  readonly state: FormState;
  /** The workspace's language when the form was opened (src/app/language.ts); absent: English. */
  readonly lang?: Lang;
}

export function encodeMeta(m: FormMeta): string {
  return JSON.stringify({ c: m.channel, e: m.editId, k: m.canSwitchKind, s: m.state, l: m.lang });
}

/** Reads metadata back; anything malformed gives a fresh form for no channel rather than a crash. */
export function decodeMeta(raw: string | undefined, defaultTimezone: string): FormMeta {
  let v: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(raw ?? "");
    if (typeof parsed === "object" && parsed !== null) v = parsed as Record<string, unknown>;
  } catch {
    // A forged or cut value: the fallbacks below.
  }
  const s = (typeof v.s === "object" && v.s !== null ? v.s : {}) as Partial<FormState>;
  const kind = s.kind === "alert" ? "alert" : "digest";
  const base = defaultState(kind, defaultTimezone);
  // Copied field by field, each only when it has the type the form writes.
  const state = { ...base } as unknown as Record<string, unknown>;
  for (const key of Object.keys(base) as (keyof FormState)[]) {
    const value = s[key];
    if (key === "types") {
      if (Array.isArray(value)) state.types = value.filter((t) => typeof t === "string").slice(0, 20);
    } else if (key === "csv") {
      if (typeof value === "boolean") state.csv = value;
    } else if (typeof value === "string" && typeof base[key] === "string") {
      state[key] = value.slice(0, 500);
    }
  }
  state.kind = kind;
  return {
    channel: typeof v.c === "string" ? v.c : "",
    editId: typeof v.e === "number" && Number.isSafeInteger(v.e) && v.e > 0 ? v.e : null,
    canSwitchKind: v.k === true,
    state: state as unknown as FormState,
    ...(isLang(v.l) ? { lang: v.l } : {}),
  };
}

/**
 * The form's language: a `lang=` in its own words (an edited subscription's, kept in "More words"),
 * else the workspace's when the form was opened, else English.
 */
export function formMessages(meta: FormMeta): Messages {
  return messages(languageInText(meta.state.extra) ?? meta.lang ?? "en");
}

/** The modal for this form, with its preview checked now, in the form's language. */
export function formView(deps: CheckDeps, meta: FormMeta): ReturnType<typeof formModal> {
  const m = formMessages(meta);
  const check = checkForm(deps, meta.state, m);
  const view: FormView = {
    kind: meta.state.kind,
    pickChannel: meta.channel === "",
    editId: meta.editId,
    canSwitchKind: meta.canSwitchKind && meta.editId === null,
    values: meta.state,
    preview: {
      command: check.command,
      runs: check.ok ? check.runs : [],
      problem: check.ok ? null : check.message,
    },
    metadata: encodeMeta(meta),
  };
  return formModal(view, m);
}

/** The form builders stay within Slack's limits for every shape they can take. */
import { describe, expect, it } from "vitest";
import { PIPELINE } from "../../src/app/pipeline.ts";
import { formView } from "../../src/slack/forms/check.ts";
import { defaultState, type FormState, type ScheduleKind } from "../../src/slack/forms/state.ts";
import { FORM_BLOCKS } from "../../templates/forms.ts";

const deps = {
  clock: { now: () => Date.parse("2025-08-27T08:07:00Z") },
  defaultTimezone: "Europe/Oslo",
  minScheduleMinutes: 5,
  pipeline: PIPELINE,
};

interface Element {
  type: string;
  options?: { text: { text: string }; value: string }[];
}

function check(view: ReturnType<typeof formView>) {
  const blocks = view.blocks as unknown as {
    type: string;
    block_id?: string;
    element?: Element;
    text?: { text: string };
  }[];
  expect(blocks.length).toBeLessThanOrEqual(100);
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect(view.submit?.text.length ?? 0).toBeLessThanOrEqual(24);
  expect((view.private_metadata ?? "").length).toBeLessThanOrEqual(3000);
  const ids = blocks.map((b) => b.block_id).filter((id) => id !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
  for (const b of blocks) {
    if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    const options = b.element?.options ?? [];
    expect(options.length).toBeLessThanOrEqual(100);
    for (const o of options) {
      expect(o.text.text.length).toBeLessThanOrEqual(75);
      expect(o.value.length).toBeGreaterThan(0);
    }
  }
}

describe("the digest and alert forms", () => {
  const schedules: ScheduleKind[] = ["daily", "weekdays", "weekly", "monthly", "cron"];
  it.each(schedules.flatMap((s) => ["always", "nonzero", "changed"].map((w) => [s, w] as const)))(
    "schedule %s, when %s: within Slack's limits, one block per field",
    (schedule, when) => {
      const state: FormState = {
        ...defaultState("digest", "Europe/Oslo"),
        schedule,
        when: when as FormState["when"],
      };
      for (const channel of ["", "C0OFFERS"]) {
        check(formView(deps, { channel, editId: null, canSwitchKind: true, state }));
      }
    },
  );

  it("stays within the limits with every field at its longest", () => {
    const long = "x".repeat(5000);
    const state: FormState = {
      ...defaultState("digest", "Europe/Oslo"),
      extra: long,
      clubs: long,
      cron: long,
      time: long,
      tz: "America/Argentina/ComodRivadavia",
      types: ["regular", "birthday", "exclusive", "welcome", "competition"],
    };
    check(formView(deps, { channel: "C0OFFERS", editId: 123456789, canSwitchKind: false, state }));
  });

  it.each(["below", "above", "drop", "rise", "anomaly"])(
    "the alert form for %s stays within the limits",
    (rule) => {
      const state: FormState = { ...defaultState("alert", "Europe/Oslo"), rule };
      const view = formView(deps, { channel: "", editId: null, canSwitchKind: true, state });
      check(view);
      const ids = (view.blocks as { block_id?: string }[]).map((b) => b.block_id);
      expect(ids.includes(FORM_BLOCKS.threshold)).toBe(rule !== "anomaly");
    },
  );
});

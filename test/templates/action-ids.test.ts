/**
 * Buttons in messages already posted in Slack carry these action ids; the listener patterns come
 * from the same constants, so a button is answered exactly when its id is one of ours.
 */
import { describe, expect, it } from "vitest";
import { ALERT_ACTION_PATTERN, ALERT_ACTIONS } from "../../templates/alert.ts";
import { PREVIEW_ACTION_PATTERN, PREVIEW_ACTIONS } from "../../templates/alert-preview.ts";
import { DIGEST_CSV_ACTION } from "../../templates/digest-csv.ts";
import { FORM_IDS, FORM_INPUT_PATTERN, FORM_OPEN_PATTERN } from "../../templates/forms.ts";
import { ACTION_IDS, ITEM_ACTION_PATTERN } from "../../templates/item-list.ts";

const sets = [
  ["list", ACTION_IDS, ITEM_ACTION_PATTERN, ["item_run", "item_pause", "item_resume", "item_delete"]],
  [
    "alert",
    ALERT_ACTIONS,
    ALERT_ACTION_PATTERN,
    ["alert_snooze_1h", "alert_snooze_tomorrow", "alert_snooze_1w", "alert_mute", "alert_unmute"],
  ],
  ["alert preview", PREVIEW_ACTIONS, PREVIEW_ACTION_PATTERN, ["alert_preview_keep", "alert_preview_discard"]],
  [
    "form openers",
    { newDigest: FORM_IDS.newDigest, newAlert: FORM_IDS.newAlert, editDigest: FORM_IDS.editDigest },
    FORM_OPEN_PATTERN,
    ["od_digest_new", "od_alert_new", "od_digest_edit"],
  ],
  [
    "form inputs",
    { digest: FORM_IDS.digestInput, alert: FORM_IDS.alertInput },
    FORM_INPUT_PATTERN,
    ["od_digest_input", "od_alert_input"],
  ],
  ["digest CSV", { csv: DIGEST_CSV_ACTION }, new RegExp(`^${DIGEST_CSV_ACTION}$`), ["digest_csv"]],
] as const;

describe.each(sets)("%s buttons", (_name, ids, pattern, posted) => {
  it("keep the action ids of messages already in Slack", () => {
    expect(Object.values(ids).sort()).toEqual([...posted].sort());
  });

  it("are answered for each of their ids and for nothing else", () => {
    for (const id of posted) expect(pattern.test(id)).toBe(true);
    for (const other of [...posted.map((id) => `${id}x`), ...posted.map((id) => `x${id}`), "item_", "alert_"])
      expect(pattern.test(other)).toBe(false);
  });
});

it("no button id is answered by two listeners", () => {
  for (const [, ids] of sets)
    for (const id of Object.values(ids))
      expect(sets.filter(([, , pattern]) => pattern.test(id))).toHaveLength(1);
});

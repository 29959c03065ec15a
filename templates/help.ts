/** `/offers help`: what each verb does, with examples that work as typed (`/offers` alone opens the form). */

import { EN, type Messages } from "../src/i18n/index.ts";
import { type Block, clampBlocks, context, divider, header, section } from "./blocks.ts";
import type { Reply } from "./reply.ts";

const EXAMPLES: ReadonlyArray<[string, string]> = [
  [
    "report",
    "`/offers report last 7d interval=1d`\n`/offers report last 24h interval=1h by=member_gender offer_type=birthday,welcome`",
  ],
  [
    "subscribe",
    '`/offers subscribe daily 08:00 last 24h interval=1h`\n`/offers subscribe weekdays 08:00 yesterday when=nonzero csv=yes`\n`/offers subscribe cron "*/5 * * * *" tz=Europe/Oslo last 1h interval=5m`',
  ],
  [
    "alert",
    "`/offers alert below 5 per 1h offer_type=birthday`\n`/offers alert anomaly per 1h`\n`/offers alert drop 40% vs last week per 1d`",
  ],
  ["form", "{form}"],
  ["list", "`/offers list`: {list}"],
  ["manage", "`/offers pause 12`   `/offers resume 12`   `/offers delete 12`   `/offers run 12`"],
  ["connect", "`/offers connect`   `/offers disconnect`: {connect}"],
];

/** The help in a language; the commands themselves stay as typed (the parser reads English words). */
export function helpReply(m: Messages = EN): Reply {
  const blocks: Block[] = [
    header(m.t("help.title")),
    section(m.t("help.lead")),
    divider(),
    ...EXAMPLES.map(([verb, text]) =>
      section(
        `*${verb}*\n${text.replace("{list}", m.t("help.list")).replace("{form}", m.t("help.form")).replace("{connect}", m.t("help.connect"))}`,
      ),
    ),
    divider(),
    context([
      `${m.t("help.ranges")}: today, yesterday, last 24h, last 7d, last 30d, this week, last week, this month, last month, from 2025-08-01 to 2025-08-27`,
      `${m.t("help.words")}: interval=5m|1h|1d|1w|1mo, by=member_gender|member_age|…, tz=Europe/Oslo, club=1000941, offer_type=…, store_id=…, authorized=true|false`,
      `${m.t("help.schedules")}: daily 08:00, weekdays 08:00, weekly mon 09:00, monthly 1 09:00, hourly, cron "0 8 * * 1-5"`,
      m.t("help.language"),
      m.t("help.subscriptionOptions"),
    ]),
  ];
  return {
    text: "/offers report last 7d interval=1d · /offers subscribe daily 08:00 last 24h · /offers alert below 5 per 1h · /offers list",
    blocks: clampBlocks(blocks),
  };
}

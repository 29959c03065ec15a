/**
 * English: the source of truth. Every other catalogue has exactly these keys with exactly these
 * `{placeholders}` (test/i18n/catalogue.test.ts). Keys are grouped by the builder that uses them;
 * `fmt.*` values are luxon format strings (quote literal words: 'klo').
 */
export const en = {
  // Formats: luxon tokens, so weekday and month names come from the locale.
  "fmt.when": "ccc d LLL HH:mm",
  "fmt.whenRepeated": "ccc d LLL HH:mm (ZZ)",
  "fmt.day": "ccc d LLL",
  "fmt.dayShort": "d LLL",
  "fmt.time": "HH:mm",
  "fmt.month": "LLLL yyyy",
  "fmt.weekdayTime": "ccc HH:mm",
  "fmt.weekdayDateTime": "ccc yyyy-MM-dd HH:mm",
  "fmt.weekdayDate": "ccc yyyy-MM-dd",

  // Numbers and lists (templates/format.ts, src/report/filters.ts).
  "change.new": "▲ new",
  "list.or": "{a} or {b}",
  "list.andMore": "{items} and {n} more",
  "list.and": "{a} and {b}",

  // Lengths (src/report/labels.ts bucketsInWords, templates/alert-words.ts durationInWords).
  "len.minutes": "{n} minutes",
  "len.hour": "hour",
  "len.hours": "{n} hours",
  "len.day": "day",
  "len.days": "{n} days",
  "len.week": "week",
  "len.weeks": "{n} weeks",
  "len.month": "month",
  "len.months": "{n} months",
  "dur.min": "{m} min",
  "dur.h": "{h} h",
  "dur.hMin": "{h} h {m} min",
  "dur.d": "{d} d",
  "dur.dH": "{d} d {h} h",

  // Intervals.
  "per.5m": "per 5 minutes",
  "per.1h": "per hour",
  "per.1d": "per day",
  "per.1w": "per week",
  "per.1mo": "per month",

  // Ranges as labels (src/placewise/range.ts words, translated by src/report/range-label.ts).
  "range.today": "today",
  "range.yesterday": "yesterday",
  "range.thisWeek": "this week",
  "range.lastWeek": "last week",
  "range.thisMonth": "this month",
  "range.lastMonth": "last month",
  "range.lastMin": "last {n} min",
  "range.lastH": "last {n} h",
  "range.lastDay": "last {n} day",
  "range.lastDays": "last {n} days",
  "range.lastWeekRolling": "last {n} week",
  "range.lastWeeks": "last {n} weeks",
  "range.fromTo": "{from} to {to}",
  "range.now": "now",
  "range.weekOf": "week of {date}",

  // Breakdown labels and aggregations (src/report/labels.ts).
  "agg.member_gender": "member gender",
  "agg.member_age": "member age",
  "agg.member_city_place_id": "member city",
  "agg.member_place_id": "member place",
  "agg.authorized": "authorization",
  "agg.authorization_type": "authorization type",
  "label.unknown": "unknown",
  "label.authorized": "authorized",
  "label.notAuthorized": "not authorized",
  "label.place": "place {id}",
  "label.city": "city {id}",
  "label.qrCode": "QR code",
  "label.nfc": "NFC",
  "label.manual": "manual",
  "label.other": "other ({n} more)",

  // Filters in words (src/report/filters.ts).
  "filter.offers": "{values} offers",
  "filter.offer": "offer {values}",
  "filter.offerPlural": "offers {values}",
  "filter.store": "store {values}",
  "filter.stores": "stores {values}",
  "filter.collection": "collection {values}",
  "filter.collections": "collections {values}",
  "filter.memberPlace": "member place {values}",
  "filter.memberPlaces": "member places {values}",
  "filter.memberCity": "member city {values}",
  "filter.memberCities": "member cities {values}",
  "filter.age": "age {values}",
  "filter.usages": "{values} usages",
  "filter.authorization": "{values} authorization",
  "filter.women": "women",
  "filter.men": "men",
  "filter.otherGender": "other gender",
  "filter.unknownGender": "unknown gender",
  "filter.gender": "gender {value}",
  "clubs.all": "all clubs",
  "clubs.one": "club {id}",
  "clubs.many": "clubs {ids}",

  // The report's title and notes (src/report/build.ts, notes.ts).
  "report.title": "Offer usages {per}, {range}, {place}",
  "report.titleBy": "Offer usages {per} by {by}, {range}, {place}",
  "report.localTime": "local time",
  "report.series": "Offer usages",
  "note.incomplete": "Last {length} still filling in.",
  "note.incompleteLag": "Last {length} still filling in (data lags ~{lag} min).",
  "note.truncated": "Totals are lower bounds: the API cut its answer at {max} data points.",
  "note.truncatedWhere":
    "Totals are lower bounds: the API cut its answer at {max} data points in {n} buckets (first: {first}).",
  "note.truncatedOne":
    "Totals are lower bounds: the API cut its answer at {max} data points in 1 bucket (first: {first}).",
  "note.previousTruncated": "The previous period's total is a lower bound: its answer was cut too.",
  "note.noData": "No offer usages in this range.",
  "note.noPrevious": "No data for the previous period ({range}) to compare with.",
  "note.partial":
    "The range is still running: the change compares its first {length} with the same {length} of the previous period.",
  "note.localTime":
    "Clubs in {count} time zones ({zones}): each {unit} sums the same local {unit} in every club's zone.",

  // The digest message (templates/digest.ts).
  "digest.total": "Total",
  "digest.change": "Change vs previous period",
  "digest.peak": "Peak",
  "digest.average": "Average",
  "digest.none": "none",
  "digest.peakAt": "{n} at {label}",
  "digest.atLeast": "at least {n}",
  "digest.noPrevious": "no previous data",
  "digest.changeVs": "{change} vs {n}",
  "digest.noneYet": "none yet",
  "digest.avg.5m": "{n} per 5 min",
  "digest.avg.1h": "{n} per hour",
  "digest.avg.1d": "{n} per day",
  "digest.avg.1w": "{n} per week",
  "digest.avg.1mo": "{n} per month",
  "digest.localTime": "local time ({zones})",
  "digest.by": "By {by}",
  "digest.open": "Open in Placewise",
  "digest.chartFailed": "Chart unavailable: it could not be drawn this time; the numbers above are complete.",
  "digest.late": "Sent late: this digest was due at {when} {zone}.",
  "digest.fallback": "Total: {total} · Change: {change} · {range} ({zone})",
  "digest.fallbackChartFailed": "Chart unavailable.",
  "digest.chartAlt": "Chart: {title}. Total {total}.",

  // Alert messages (templates/alert.ts, alert-words.ts).
  "alert.chartFailed": "Chart unavailable this time; the numbers above are complete.",
  "alert.footer": "Alert #{id}",
  "alert.snooze1h": "Snooze 1 h",
  "alert.snoozeTomorrow": "Snooze until tomorrow 08:00",
  "alert.snooze1w": "Snooze 1 week",
  "alert.mute": "Mute",
  "alert.unmute": "Unmute",
  "alert.muteTitle": "Mute alert #{id}?",
  "alert.muteText": "No alert messages at all until someone presses Unmute. The rule keeps watching.",
  "alert.valueIn": "{n} in {bucket}",
  "alert.header": "🚨 Offer usages: {title}",
  "alert.value": "Value",
  "alert.expected": "Expected",
  "alert.since": "Since",
  "alert.where": "Where",
  "alert.incident": "Incident",
  "alert.firingText": "🚨 Alert #{id} firing: {title}",
  "alert.firingLine": "{value}; expected {expected}; since {since}; {where}.",
  "alert.span": "{from} to {to}",
  "alert.resolvedHeader": "✅ Resolved: {title}",
  "alert.resolvedLead": "*Resolved after {lasted}.* Back to normal: {n} in {bucket}.",
  "alert.resolvedText": "✅ Alert #{id} resolved after {lasted}: {title}",
  "alert.resolvedLine": "{span}; {where}.",
  "alert.backToNormal": "✅ Back to normal after {lasted}: {n} in {bucket}.",
  "alert.stillFiring": "⏰ Still firing after {lasted}: {n} in {bucket}; expected {expected}.",
  "alert.snoozed":
    "😴 Alert #{id} is snoozed until {until} ({zone}). It keeps watching; an incident still open then is announced.",
  "alert.muted": "🔕 Alert #{id} is muted: no alert messages until someone unmutes it. It keeps watching.",
  "alert.unmuted": "🔔 Alert #{id} is unmuted: incidents are announced again.",
  "bucket.time": "{from}–{to} on {day}",
  "bucket.week": "the week of {date}",
  "expect.noLimit": "no limit",
  "expect.atLeast": "at least {n}",
  "expect.atMost": "at most {n}",
  "expect.before": "{limit} ({n} before)",
  "expect.learning": "not known yet (still learning)",
  "expect.band": "{low}–{high}",
  "expect.usually": "{band} (usually {n})",
  "where.all": "all offer usages",
  "where.by": "{where} ({by}: {label})",

  // Help (templates/help.ts). Commands in backticks stay English: they are what a person types.
  "help.title": "/offers: offer usages in Slack",
  "help.lead":
    "Digests of how members use your offers, on demand or on a schedule, and alerts when usage is abnormal.",
  "help.list": "subscriptions and alerts of this channel, with buttons",
  "help.ranges": "Ranges",
  "help.words": "Words",
  "help.schedules": "Schedules",
  "help.language": "Language: lang=en|nb|sv|fi|da",

  // Replies (templates/replies.ts, item-list.ts).
  "reply.helpHint": "`/offers help` shows every command with examples.",
  "reply.working": "Working on it…",
  "reply.busy":
    "I'm busy with other reports right now, try again in a minute. Nothing was posted for this one.",
  "reply.notInChannel":
    "I can't post in this channel yet: I'm not a member. Invite me with `/invite @offer-digest`, then try again. Nothing was saved.",
  "reply.subscribed": "Subscription *#{id}*: {schedule}, {query}.",
  "reply.nextRuns": "Next runs ({zone})",
  "reply.subscribedHint": "Pause with {pause}, run now with {run}, see all with {list}.",
  "reply.subscribedText": "Subscription #{id}: {schedule}. Next run {next} ({zone}).",
  "reply.alertSaved": "Alert *#{id}*: {rule}, watching {where}.",
  "reply.alertSavedHint": "Pause with {pause}, delete with {delete}.",
  "reply.alertSavedText": "Alert #{id}: {rule}.",
  "reply.discard": "Discard",
  "reply.discardTitle": "Discard alert #{id}?",
  "reply.discardText": "Alert #{id} will be deleted and never fire. You can make it again with {alert}.",
  "reply.dmSent": "The preview chart is in your messages with @offer-digest.",
  "reply.dmNoChart": "The preview is in your messages with @offer-digest, without a chart this time.",
  "reply.dmLate": "The preview chart is on its way to your messages with @offer-digest.",
  "reply.dmFailed":
    "The preview chart could not be sent to your messages this time; the alert is saved all the same.",
  "reply.refused":
    "Sorry, only {creator} (who created #{id}) or a workspace admin can change it. Anyone here can {run} or {list}.",
  "reply.noSuchItem":
    "There is no subscription or alert #{id} in this workspace. {list} shows this channel's ids.",
  "reply.notHere":
    "#{id} is not in this channel, so it can't be run or changed from here. {list} shows this channel's ids.",
  "reply.notOwn":
    "Sorry, only {creator} (who created #{id}) can use these buttons; in its channel, {list} shows what you can do with it.",
  "reply.cooldown": "Subscription #{id} ran at {at}; try again in {wait} s. Its digest is in this channel.",
  "error.unknownWord": "I don't understand {word}.",
  "error.badLanguage": "{word} is not a language I speak: use lang=en, lang=nb, lang=sv, lang=fi or lang=da.",

  // The channel list and the Home tab (templates/item-list.ts).
  "list.digest": "Digest",
  "list.alert": "Alert",
  "list.inChannel": "in {channel}",
  "list.all": "all offer usages",
  "list.paused": "paused",
  "list.active": "active",
  "list.next": "next: {when}",
  "list.runNow": "Run now",
  "list.resume": "Resume",
  "list.pause": "Pause",
  "list.delete": "Delete",
  "list.deleteTitle": "Delete #{id}?",
  "list.deleteText": "{kind} #{id} will stop for everyone in the channel.",
  "list.empty":
    "No subscriptions or alerts in this channel yet. Try `/offers subscribe daily 08:00 last 24h interval=1h`.",
  "list.header": "Subscriptions and alerts ({n})",
  "list.more": "{n} more not shown.",
  "home.header": "Your offer digests and alerts",
  "home.empty":
    "You have no subscriptions or alerts yet. In a channel, try `/offers subscribe daily 08:00 last 24h interval=1h` or `/offers alert anomaly per 1h`.",
  "home.hint":
    "Run a digest now with `/offers run N` in its channel. `/offers help` in any channel shows every command.",
  "home.language": "*Language of this workspace's digests, alerts and replies*",
  "home.languageSaved": "Language set to {language}.",

  // Chart legends (src/charts/templates).
  "chart.previous": "dashed: previous period",
  "chart.incomplete": "dotted: still counting",
  "chart.band": "shaded: expected range",
  "chart.limit": "red dashes: limit {n}",
  "chart.anomalies": "red dots: anomalies",

  // Names of the languages, in their own language (the Home select shows them so).
  "lang.name": "English",
} as const;

export type Catalogue = { readonly [K in keyof typeof en]: string };

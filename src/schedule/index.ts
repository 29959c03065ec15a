/** The schedule engine: friendly forms and cron in a timezone → run instants, DST-correct. */
export { type CronFields, parseCron } from "./cron.ts";
export { describeSchedule } from "./describe.ts";
export { ScheduleError, type ScheduleErrorCode } from "./errors.ts";
export { nextRuns, runsAfter, runsBetween } from "./next.ts";
export { consumeSchedule, type ParseScheduleOptions, parseSchedule } from "./parse.ts";
export type { Schedule, ScheduleTiming } from "./types.ts";
export { splitWords } from "./words.ts";

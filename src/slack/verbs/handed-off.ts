/**
 * A report that a `web` process handed to the workers (store/report-jobs.ts), run in a worker by
 * jobs/report-jobs.ts: the same steps as in web (report.ts prepareAndPost), at the time the person
 * asked, and the same answers to the caller, sent to the command's response_url.
 */
import { errorReply } from "../../../templates/replies.ts";
import type { Reply } from "../../../templates/reply.ts";
import type { AppDeps } from "../../app/deps.ts";
import type { ReportJob } from "../../store/report-jobs.ts";
import { InputError } from "../../util/errors.ts";
import { explainError } from "../explain.ts";
import { respondByUrl } from "../listeners/respond.ts";
import { prepareAndPost } from "./report.ts";

export type JobOutcome =
  | { kind: "done"; ts: string }
  | { kind: "failed"; error: string }
  /** Another worker took the job over before this one posted: it posts. */
  | { kind: "lost" };

export interface JobRun {
  /** The job was claimed before (its worker stopped): look for its message before posting. */
  readonly dedupe: boolean;
  /** Renews the claim just before posting; false means it was lost. */
  readonly stillOurs: () => Promise<boolean>;
}

/** Never throws: a failure is explained to the caller and returned. */
export async function runReportJob(deps: AppDeps, job: ReportJob, run: JobRun): Promise<JobOutcome> {
  const log = deps.log.child({ job: job.id });
  const respond = job.responseUrl === null ? null : respondByUrl(job.responseUrl);
  const tell = async (reply: Reply) => {
    await respond?.(reply).catch((e) => log.warn("could not answer the caller", { error: e as Error }));
  };
  const caller = { teamId: job.teamId, channelId: job.channelId, userId: job.userId };
  try {
    const posted = await prepareAndPost(deps, caller, job.words, job.runKey, job.askedAt, run);
    if (posted === "lost") return { kind: "lost" };
    if (posted.chartFailed) log.warn("report went out without its chart", { ts: posted.ts });
    if (job.doneReply !== null) await tell(job.doneReply as Reply);
    return { kind: "done", ts: posted.ts };
  } catch (e) {
    if (!(e instanceof InputError)) log.error("handed-off report failed", { error: e as Error });
    await tell(errorReply(explainError(e)));
    return { kind: "failed", error: (e as Error).message ?? String(e) };
  }
}

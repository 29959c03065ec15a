/**
 * Why a chart could not be drawn. The digest still goes out without its chart (the contract says the
 * text is never lost), so the message is written for the note shown in its place.
 */
import { CodedError } from "../util/errors.ts";

export type ChartErrorCode =
  | "invalid_input" // the data handed to the chart is inconsistent (lengths, order, zone)
  | "render_failed"; // Vega or sharp failed on valid input

export class ChartError extends CodedError<ChartErrorCode> {
  override readonly name = "ChartError";
}

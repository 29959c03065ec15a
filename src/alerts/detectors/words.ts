/** Shared readers for the words of rule kinds. */
import { InputError } from "../../util/errors.ts";

/** A number after a kind word ("below 5", "drop 40%"), at least `min`; InputError naming it if not. */
export function headNumber(word: string | undefined, what: string, min: number): number {
  const n = word === undefined ? Number.NaN : Number(word.replace(/%$/, ""));
  if (!Number.isFinite(n) || n < min || (what === "for" && !Number.isInteger(n))) {
    const example = what === "for" ? "for 3" : what === "percent" ? "drop 40%" : `${what} 5`;
    const need = min > 0 ? `a number of at least ${min}` : "a number of 0 or more";
    throw new InputError(`"${what} ${word ?? ""}" needs ${need}, for example "${example}".`, word);
  }
  return n;
}

/** `key=value` → value when one of `allowed`; InputError naming the allowed values if not. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], key: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`"${key}=${value}" is not valid: ${key} must be one of ${allowed.join(", ")}.`, value);
}

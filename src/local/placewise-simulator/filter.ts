/**
 * The API's filter tree: validation with messages that say what is wrong and what is allowed, the
 * rate-limit cost of its logical nodes, and compilation to a predicate over simulated usages.
 */
import { FILTER_FIELD_NAMES, FILTER_FIELDS, type FilterField } from "../../placewise/fields.ts";
import type { Filter } from "../../placewise/query.ts";
import { attributeGetter, type Scalar } from "./attributes.ts";
import type { DayEvents } from "./generator.ts";
import { type ClubInfo, type FilterNode, LEAF_OPERATORS, type LeafOperator } from "./types.ts";

export type Predicate = (day: DayEvents, i: number) => boolean;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Number of `and`/`or` nodes, counted leniently so even a rejected filter has a cost. */
export function countLogicalNodes(node: unknown): number {
  if (!isObject(node) || (node.type !== "and" && node.type !== "or")) return 0;
  const ops = Array.isArray(node.operations) ? node.operations : [];
  return 1 + ops.reduce((sum: number, op: unknown) => sum + countLogicalNodes(op), 0);
}

function checkValue(field: FilterField, op: LeafOperator, value: unknown, at: string): string | null {
  const spec = FILTER_FIELDS[field];
  if (value === null) {
    return op === "equal" || op === "not_equal"
      ? null
      : `${at}: "${op}" needs a value; null only works with "equal" (IS NULL) and "not_equal" (IS NOT NULL)`;
  }
  switch (spec.kind) {
    case "enum":
      return typeof value === "string" && (spec.values as readonly string[]).includes(value)
        ? null
        : `${at}: ${JSON.stringify(value)} is not a valid ${field}; must be one of ${spec.values.join(", ")}`;
    case "integer":
      return Number.isInteger(value)
        ? null
        : `${at}: ${field} must be an integer, got ${JSON.stringify(value)}`;
    case "boolean":
      return typeof value === "boolean"
        ? null
        : `${at}: ${field} must be true or false, got ${JSON.stringify(value)}`;
    case "string":
      return typeof value === "string"
        ? null
        : `${at}: ${field} must be a string, got ${JSON.stringify(value)}`;
  }
}

/** Problems with a filter tree, each naming its place (`filter.operations[1].field`). Empty when valid. */
export function validateFilter(node: unknown, at = "filter"): string[] {
  if (!isObject(node)) return [`${at}: must be an object with "type", got ${JSON.stringify(node)}`];
  const type = node.type;
  if (type === "and" || type === "or") {
    const ops = node.operations;
    if (!Array.isArray(ops) || ops.length === 0)
      return [`${at}.operations: "${type}" needs a non-empty array`];
    return ops.flatMap((op, i) => validateFilter(op, `${at}.operations[${i}]`));
  }
  if (typeof type !== "string" || !(LEAF_OPERATORS as readonly string[]).includes(type)) {
    return [
      `${at}.type: ${JSON.stringify(type)} is not a filter type; must be one of and, or, ${LEAF_OPERATORS.join(", ")}`,
    ];
  }
  const field = node.field;
  if (field === "loyalty_club_id") {
    return [`${at}.field: loyalty_club_id cannot be filtered; choose clubs with the X-Customer header`];
  }
  if (typeof field !== "string" || !(FILTER_FIELD_NAMES as string[]).includes(field)) {
    return [
      `${at}.field: ${JSON.stringify(field)} is not filterable; must be one of ${FILTER_FIELD_NAMES.join(", ")}`,
    ];
  }
  if (!("value" in node)) return [`${at}.value: missing; use null for IS NULL`];
  const problem = checkValue(field as FilterField, type as LeafOperator, node.value, `${at}.value`);
  return problem === null ? [] : [problem];
}

/** SQL-like comparison: a null on either side never compares (only equal/not_equal null test for null). */
function compare(op: LeafOperator, actual: Scalar, wanted: Scalar): boolean {
  if (wanted === null) return op === "equal" ? actual === null : actual !== null;
  if (actual === null) return false;
  switch (op) {
    case "equal":
      return actual === wanted;
    case "not_equal":
      return actual !== wanted;
    case "greated_than":
      return actual > wanted;
    case "greater_or_equal_to":
      return actual >= wanted;
    case "less_than":
      return actual < wanted;
    case "less_or_equal_to":
      return actual <= wanted;
  }
}

/** A predicate for a filter that validateFilter accepted; null means every usage. */
export function compileFilter(node: FilterNode | null | undefined, club: ClubInfo): Predicate {
  if (node === null || node === undefined) return () => true;
  if ("operations" in node) {
    const parts = node.operations.map((op) => compileFilter(op, club));
    return node.type === "and" ? (d, i) => parts.every((p) => p(d, i)) : (d, i) => parts.some((p) => p(d, i));
  }
  const get = attributeGetter(club, node.field as FilterField);
  const op = node.type;
  const wanted = node.value as Scalar;
  return (d, i) => compare(op, get(d, i), wanted);
}

/** The API tree for the client's filter list: an `and` of fields, each an `or` of equal leaves. */
export function filtersToNode(filters: readonly Filter[]): FilterNode | null {
  if (filters.length === 0) return null;
  const leaves = filters.map(
    (f): FilterNode =>
      f.values.length === 1
        ? { type: "equal", field: f.field, value: f.values[0] }
        : { type: "or", operations: f.values.map((value) => ({ type: "equal", field: f.field, value })) },
  );
  return leaves.length === 1 ? (leaves[0] as FilterNode) : { type: "and", operations: leaves };
}

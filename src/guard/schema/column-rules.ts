/**
 * Judges the columns of one table: type and mode changes, REQUIRED additions and renames. Pure;
 * every comparison goes through the shared normalization (compareColumns, isSafeModeChange).
 */
import { columnKey, flattenColumns, unsafeColumnChanges, type Column } from "../../model/columns";
import type { SchemaRuleCode } from "./rules";

/** Detail lines per rule, for one table. */
export type ColumnFindings = Map<SchemaRuleCode, string[]>;

function add(findings: ColumnFindings, code: SchemaRuleCode, detail: string): void {
  const list = findings.get(code) ?? [];
  if (!list.includes(detail)) list.push(detail);
  findings.set(code, list);
}

/** Type changes beyond an alias and mode changes other than REQUIRED -> NULLABLE, `before` -> `after`. */
export function judgeChanges(before: readonly Column[], after: readonly Column[], against: string, findings: ColumnFindings): void {
  const unsafe = unsafeColumnChanges(before, after);
  for (const change of unsafe.typeChanged) add(findings, "SG210", `${change.path}: ${change.before.type} -> ${change.after.type} (vs ${against})`);
  for (const change of unsafe.modeChanged) add(findings, "SG211", `${change.path}: ${change.before.mode} -> ${change.after.mode} (vs ${against})`);
}

/** REQUIRED columns and nested fields of `after` that the existing table's columns lack. */
export function judgeRequiredAdded(existing: readonly Column[], after: readonly Column[], against: string, findings: ColumnFindings): void {
  for (const field of unsafeColumnChanges(existing, after).requiredAdded) add(findings, "SG212", `${field.path}: REQUIRED (not in ${against})`);
}

function parentOf(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(0, dot);
}

/**
 * A rename: at one level of the table (top level or inside one RECORD), a column of `before` is
 * gone from `after` while `after` has a column that `known` lacks. Fields inside a gone or added
 * RECORD are not counted again.
 */
export function judgeRenames(before: readonly Column[], after: readonly Column[], known: readonly Column[], against: string, findings: ColumnFindings): void {
  const afterKeys = new Set(flattenColumns(after).map((field) => columnKey(field.path)));
  const knownKeys = new Set(flattenColumns(known).map((field) => columnKey(field.path)));
  const parentIn = (keys: Set<string>, path: string) => parentOf(path) === "" || keys.has(columnKey(parentOf(path)));
  const gone = flattenColumns(before)
    .map((field) => field.path)
    .filter((path) => !afterKeys.has(columnKey(path)) && parentIn(afterKeys, path));
  const added = flattenColumns(after)
    .map((field) => field.path)
    .filter((path) => !knownKeys.has(columnKey(path)) && parentIn(knownKeys, path));
  const byParent = new Map<string, { gone: string[]; added: string[] }>();
  for (const path of gone) {
    const entry = byParent.get(columnKey(parentOf(path))) ?? { gone: [], added: [] };
    entry.gone.push(path);
    byParent.set(columnKey(parentOf(path)), entry);
  }
  for (const path of added) {
    const entry = byParent.get(columnKey(parentOf(path)));
    if (entry) entry.added.push(path);
  }
  for (const entry of byParent.values()) {
    if (entry.added.length > 0) add(findings, "SG213", `${entry.gone.join(", ")} gone, ${entry.added.join(", ")} added (vs ${against})`);
  }
}

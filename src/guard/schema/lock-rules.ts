/**
 * Judges the lock: it must hold every declared column (SG201) and, against the base, it only grows
 * (SG202: nothing removed, SG203: nothing changed). Pure.
 */
import { compareColumns } from "../../model/columns";
import { lockKey, type LockedColumns } from "../../model/build";
import { unlockedColumns } from "../../lock/coverage";
import type { SchemaSet } from "../../schemas/load";
import type { SchemaFinding } from "./rules";

/** Declared tables and columns the lock lacks, one finding per table. */
export function judgeLockCoverage(schemas: SchemaSet, lock: LockedColumns, lockFile: string): SchemaFinding[] {
  const byTable = new Map<string, { file: string; details: string[] }>();
  for (const { table, path } of unlockedColumns(schemas, lock)) {
    const key = lockKey(table.dir, table.tableId);
    const entry = byTable.get(key) ?? { file: table.file, details: [] };
    entry.details.push(path === null ? `table ${key} is not in ${lockFile}` : `${path} is not in ${lockFile}`);
    byTable.set(key, entry);
  }
  return [...byTable].map(([subject, { file, details }]) => ({ code: "SG201", subject, file, details }));
}

/** Lock entries of the base that the head lock removed or changed. */
export function judgeLockGrowth(base: LockedColumns, head: LockedColumns, lockFile: string, baseRef: string): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const key of Object.keys(base).sort()) {
    const before = base[key] ?? [];
    const after = head[key];
    if (!after) {
      findings.push({ code: "SG202", subject: key, file: lockFile, details: [`table ${key} was in the lock at ${baseRef}`] });
      continue;
    }
    const comparison = compareColumns(before, after);
    if (comparison.removed.length > 0) {
      findings.push({ code: "SG202", subject: key, file: lockFile, details: comparison.removed.map((path) => `${path} was in the lock at ${baseRef}`) });
    }
    if (comparison.changed.length > 0) {
      findings.push({
        code: "SG203",
        subject: key,
        file: lockFile,
        details: comparison.changed.map((change) => `${change.path}: ${change.before.type} ${change.before.mode} -> ${change.after.type} ${change.after.mode}`),
      });
    }
  }
  return findings;
}

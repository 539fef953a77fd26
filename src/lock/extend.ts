import { unionColumns } from "../model/columns";
import { lockKey, type LockedColumns } from "../model/build";
import type { SchemaSet } from "../schemas/load";
import { unlockedColumns } from "./coverage";

/**
 * The lock after adding every newly declared table and column. Existing entries are never removed
 * or changed: a column's locked type and mode stay as first declared (the guard reports changes).
 */
export function extendLock(lock: LockedColumns, schemas: SchemaSet): { lock: LockedColumns; added: string[] } {
  const added = unlockedColumns(schemas, lock).map(({ table, path }) => `${lockKey(table.dir, table.tableId)}${path ? `.${path}` : ""}`);
  const next: Record<string, LockedColumns[string]> = { ...lock };
  for (const table of [...schemas.bootstrap, ...schemas.org]) {
    const key = lockKey(table.dir, table.tableId);
    next[key] = unionColumns(next[key] ?? [], table.columns);
  }
  return { lock: next, added };
}

import { compareColumns } from "../model/columns";
import { lockKey, type LockedColumns } from "../model/build";
import type { SchemaSet, TableSpec } from "../schemas/load";

export interface UnlockedColumn {
  readonly table: TableSpec;
  /** Dotted path of the column or nested field; the table itself when the lock lacks the table. */
  readonly path: string | null;
}

/** Columns (and tables) the schema files declare that the lock does not hold yet. */
export function unlockedColumns(schemas: SchemaSet, lock: LockedColumns): UnlockedColumn[] {
  const out: UnlockedColumn[] = [];
  for (const table of [...schemas.bootstrap, ...schemas.org]) {
    const locked = lock[lockKey(table.dir, table.tableId)];
    if (!locked) {
      out.push({ table, path: null });
      continue;
    }
    for (const field of compareColumns(locked, table.columns).added) out.push({ table, path: field.path });
  }
  return out;
}

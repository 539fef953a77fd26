/**
 * Judges tables: removals, partitioning changes and each table's columns, JSON against the lock
 * and, with a base, the head against the base. Pure.
 */
import { lockKey, type LockedColumns } from "../../model/build";
import type { SchemaSet, TableSpec } from "../../schemas/load";
import { judgeChanges, judgeRenames, judgeRequiredAdded, type ColumnFindings } from "./column-rules";
import type { SchemaFinding } from "./rules";

export interface TableSide {
  readonly schemas: SchemaSet;
  readonly lock: LockedColumns;
  /** The schemas folder as messages show it. */
  readonly schemasDir: string;
}

function tablesByKey(schemas: SchemaSet): Map<string, TableSpec> {
  return new Map([...schemas.bootstrap, ...schemas.org].map((table) => [lockKey(table.dir, table.tableId), table]));
}

/** The partitioning properties the provider cannot change in place; expiration is not one of them. */
export function partitioningKey(table: TableSpec): string {
  const time = table.options.time_partitioning;
  const range = table.options.range_partitioning;
  if (time) return `time partitioning ${time.type} on ${time.field ?? "_PARTITIONTIME"}`;
  if (range) return `range partitioning on ${range.field} [${range.start}, ${range.end}) every ${range.interval}`;
  return "no partitioning";
}

function configFile(table: TableSpec): string {
  return table.file.replace(/[^/\\]+\.json$/, "config.yml");
}

/** Tables that existed (in the lock, or at the base) and are no longer declared. */
export function judgeRemovedTables(head: TableSide, base: TableSide | undefined, baseRef: string | undefined): SchemaFinding[] {
  const declared = tablesByKey(head.schemas);
  const baseTables = base ? tablesByKey(base.schemas) : new Map<string, TableSpec>();
  const existing = new Set([...Object.keys(head.lock), ...Object.keys(base?.lock ?? {}), ...baseTables.keys()]);
  const findings: SchemaFinding[] = [];
  for (const key of [...existing].sort()) {
    if (declared.has(key)) continue;
    const [dir, tableId] = key.split("/");
    const was: string[] = [];
    if (key in head.lock) was.push("is in the lock");
    else if (base && key in base.lock) was.push(`was in the lock at ${baseRef}`);
    if (baseTables.has(key)) was.push(`was declared at ${baseRef}`);
    findings.push({
      code: "SG220",
      subject: key,
      file: `${head.schemasDir}/${dir}/config.yml`,
      details: [`${key} ${was.join(" and ")}, but no config.yml entry with a readable ${tableId}.json declares it now`],
    });
  }
  return findings;
}

function toFindings(table: TableSpec, findings: ColumnFindings): SchemaFinding[] {
  return [...findings].map(([code, details]) => ({ code, subject: lockKey(table.dir, table.tableId), file: table.file, details }));
}

/** Column and partitioning rules for every declared table. */
export function judgeTables(head: TableSide, base: TableSide | undefined, baseRef: string | undefined): SchemaFinding[] {
  const baseTables = base ? tablesByKey(base.schemas) : new Map<string, TableSpec>();
  const out: SchemaFinding[] = [];
  for (const [key, table] of tablesByKey(head.schemas)) {
    const findings: ColumnFindings = new Map();
    const locked = head.lock[key];
    if (locked) judgeChanges(locked, table.columns, "the lock", findings);
    const baseTable = baseTables.get(key);
    const baseLocked = base?.lock[key];
    if (base && baseRef) {
      if (baseTable) judgeChanges(baseTable.columns, table.columns, baseRef, findings);
      if (baseLocked) judgeRequiredAdded(baseLocked, table.columns, `the lock at ${baseRef}`, findings);
      if (baseTable) judgeRenames(baseTable.columns, table.columns, [...baseTable.columns, ...(baseLocked ?? [])], baseRef, findings);
      if (baseTable && partitioningKey(baseTable) !== partitioningKey(table)) {
        out.push({
          code: "SG214",
          subject: key,
          file: configFile(table),
          details: [`${partitioningKey(baseTable)} at ${baseRef} -> ${partitioningKey(table)}`],
        });
      }
    } else if (locked) {
      judgeRequiredAdded(locked, table.columns, "the lock", findings);
      judgeRenames(locked, table.columns, locked, "the lock", findings);
    }
    out.push(...toFindings(table, findings));
  }
  return out;
}

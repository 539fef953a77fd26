/** One dataset: what the model declares against what the catalog index holds. */
import { columnKey, flattenColumns, type Column, type FieldPath } from "../model/columns";
import { formatSignature, modelSignature, sameSignature } from "../model/catalog-types";
import type { DatasetModel } from "../model/types";
import type { CatalogTable } from "./catalog-index";
import { emptyDiff, type DatasetDiff, type TypeMismatch } from "./report";

/** Org datasets share their tables' column arrays: flatten each array once. */
const flattened = new WeakMap<readonly Column[], FieldPath[]>();

function declaredPaths(columns: readonly Column[]): FieldPath[] {
  let paths = flattened.get(columns);
  if (!paths) flattened.set(columns, (paths = flattenColumns(columns)));
  return paths;
}

function parentKey(key: string): string | undefined {
  const dot = key.lastIndexOf(".");
  return dot < 0 ? undefined : key.slice(0, dot);
}

/** True when a path's parent is in `keys`: report `credits`, not also `credits.amount`. */
function underReported(key: string, keys: ReadonlySet<string>): boolean {
  for (let parent = parentKey(key); parent !== undefined; parent = parentKey(parent)) if (keys.has(parent)) return true;
  return false;
}

interface TableDiff {
  readonly missing: string[];
  readonly extra: string[];
  readonly mismatches: TypeMismatch[];
}

export function compareTable(columns: readonly Column[], catalog: CatalogTable): TableDiff {
  const missing: string[] = [];
  const missingKeys = new Set<string>();
  const mismatches: TypeMismatch[] = [];
  const declaredKeys = new Set<string>();
  for (const field of declaredPaths(columns)) {
    const key = columnKey(field.path);
    declaredKeys.add(key);
    const actual = catalog.get(key);
    if (!actual) {
      missingKeys.add(key);
      if (!underReported(key, missingKeys)) missing.push(field.path);
      continue;
    }
    const declared = modelSignature(field.type, field.mode);
    if (!sameSignature(declared, actual.signature)) mismatches.push({ column: field.path, declared: formatSignature(declared), actual: actual.dataType });
  }
  const extraKeys = new Set<string>();
  const extra: string[] = [];
  for (const [key, field] of catalog) {
    if (declaredKeys.has(key)) continue;
    extraKeys.add(key);
    if (!underReported(key, extraKeys)) extra.push(field.path);
  }
  return { missing, extra, mismatches };
}

/**
 * Compares a dataset that exists. A missing view counts as a missing table (views appear in
 * COLUMN_FIELD_PATHS like tables); a view's columns are derived, so they are not compared.
 */
export function compareDataset(dataset: DatasetModel, catalog: ReadonlyMap<string, CatalogTable> | undefined): DatasetDiff {
  const diff = emptyDiff();
  const tables = catalog ?? new Map<string, CatalogTable>();
  for (const table of dataset.tables) {
    const actual = tables.get(table.tableId);
    if (!actual) {
      diff.missing_tables.push(table.tableId);
      continue;
    }
    const { missing, extra, mismatches } = compareTable(table.columns, actual);
    if (missing.length > 0) diff.missing_columns[table.tableId] = missing;
    if (extra.length > 0) diff.extra_columns[table.tableId] = extra;
    if (mismatches.length > 0) diff.type_mismatches[table.tableId] = mismatches;
  }
  for (const view of dataset.views) if (!tables.has(view.tableId)) diff.missing_tables.push(view.tableId);
  const declared = new Set([...dataset.tables, ...dataset.views].map((table) => table.tableId));
  diff.extra_tables.push(...[...tables.keys()].filter((tableId) => !declared.has(tableId)).sort());
  return diff;
}

/**
 * The catalog rows indexed for comparison: which datasets exist, and per dataset and table every
 * field path with its signature. Nested fields come from their own COLUMN_FIELD_PATHS rows and,
 * when those are absent (a snapshot of INFORMATION_SCHEMA.COLUMNS), from the STRUCT's data_type.
 */
import { columnKey } from "../model/columns";
import { flattenCatalogType, formatSignature, parseCatalogType, type CatalogFieldPath, type TypeSignature } from "../model/catalog-types";
import type { CatalogRows } from "./catalog/rows";

export interface CatalogField {
  /** As BigQuery spells it. */
  readonly path: string;
  readonly signature: TypeSignature;
  /** The row's data_type; for paths derived from a parent STRUCT, the derived signature. */
  readonly dataType: string;
}

/** field path key (lower-case) -> field */
export type CatalogTable = Map<string, CatalogField>;

export interface CatalogIndex {
  readonly datasets: ReadonlySet<string>;
  /** dataset -> table -> fields */
  readonly tables: ReadonlyMap<string, ReadonlyMap<string, CatalogTable>>;
  /** Lower-cased org slugs with a row in organizations.org_profiles. */
  readonly profiles: ReadonlySet<string>;
}

/** Parses each distinct data_type once: a catalog repeats the same few hundred types. */
class TypeCache {
  private readonly cache = new Map<string, CatalogFieldPath[]>();

  /** Paths relative to "" (the first entry is the type itself, path ""). */
  paths(dataType: string): CatalogFieldPath[] {
    let paths = this.cache.get(dataType);
    if (!paths) {
      const parsed = parseCatalogType(dataType);
      // An unreadable type is kept verbatim: it can only ever be reported as a mismatch.
      paths = parsed.ok ? flattenCatalogType("", parsed.type) : [{ path: "", signature: { type: dataType.toUpperCase(), repeated: false } }];
      this.cache.set(dataType, paths);
    }
    return paths;
  }
}

export function indexCatalog(rows: CatalogRows, datasets?: ReadonlySet<string>): CatalogIndex {
  const wanted = (dataset: string) => !datasets || datasets.has(dataset);
  const present = new Set(rows.schemata.map((row) => row.schema_name).filter(wanted));
  const tables = new Map<string, Map<string, CatalogTable>>();
  const types = new TypeCache();
  const derived: Array<{ table: CatalogTable; path: string; dataType: string }> = [];
  for (const row of rows.columns) {
    if (!wanted(row.table_schema)) continue;
    present.add(row.table_schema);
    let byTable = tables.get(row.table_schema);
    if (!byTable) tables.set(row.table_schema, (byTable = new Map()));
    let table = byTable.get(row.table_name);
    if (!table) byTable.set(row.table_name, (table = new Map()));
    const paths = types.paths(row.data_type);
    const own = paths[0];
    if (own) table.set(columnKey(row.field_path), { path: row.field_path, signature: own.signature, dataType: row.data_type });
    if (paths.length > 1) derived.push({ table, path: row.field_path, dataType: row.data_type });
  }
  // Own rows win over paths derived from a parent's STRUCT<...>, whatever the row order.
  for (const { table, path, dataType } of derived) {
    for (const nested of types.paths(dataType).slice(1)) {
      const full = path + nested.path;
      const key = columnKey(full);
      if (!table.has(key)) table.set(key, { path: full, signature: nested.signature, dataType: formatSignature(nested.signature) });
    }
  }
  const profiles = new Set(rows.org_profiles.map((row) => row.org_slug.toLowerCase()));
  return { datasets: present, tables, profiles };
}


/**
 * The three catalog queries of a live read. Identifiers (project, region, central dataset) come
 * from validated stack settings and are backtick-quoted; dataset names are a query parameter.
 */
import type { CatalogScope } from "./reader";
import { quoteIdentifier } from "../../model/identifiers";

/** A parameterised query as @google-cloud/bigquery takes it. */
export interface CatalogQuery {
  readonly name: "schemata" | "columns" | "org_profiles";
  readonly query: string;
  readonly params?: Readonly<Record<string, readonly string[]>>;
  readonly types?: Readonly<Record<string, readonly string[]>>;
  readonly location: string;
}


function informationSchema(scope: CatalogScope, view: "SCHEMATA" | "COLUMN_FIELD_PATHS"): string {
  return `${quoteIdentifier(scope.project)}.${quoteIdentifier(`region-${scope.location.toLowerCase()}`)}.INFORMATION_SCHEMA.${view}`;
}

const STRING_ARRAY = { datasets: ["STRING"] } as const;

export function schemataQuery(scope: CatalogScope): CatalogQuery {
  return {
    name: "schemata",
    query: `SELECT schema_name, location FROM ${informationSchema(scope, "SCHEMATA")} WHERE schema_name IN UNNEST(@datasets)`,
    params: { datasets: scope.datasets },
    types: STRING_ARRAY,
    location: scope.location,
  };
}

export function columnsQuery(scope: CatalogScope, datasets: readonly string[]): CatalogQuery {
  return {
    name: "columns",
    query:
      "SELECT table_schema, table_name, column_name, field_path, data_type " +
      `FROM ${informationSchema(scope, "COLUMN_FIELD_PATHS")} WHERE table_schema IN UNNEST(@datasets)`,
    params: { datasets },
    types: STRING_ARRAY,
    location: scope.location,
  };
}

export function profilesQuery(scope: CatalogScope): CatalogQuery {
  return {
    name: "org_profiles",
    query: `SELECT DISTINCT org_slug FROM ${quoteIdentifier(scope.project)}.${quoteIdentifier(scope.centralDataset)}.\`org_profiles\` WHERE org_slug IS NOT NULL`,
    location: scope.location,
  };
}

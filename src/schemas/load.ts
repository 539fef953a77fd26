import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Column, CanonicalType } from "../model/columns";
import type { Problem } from "../diagnostics/problem";
import { zodProblems } from "../diagnostics/zod-problems";
import { displayPath } from "../diagnostics/paths";
import { locateLine } from "../yaml/locate";
import { parseYamlAs } from "../yaml/validate";
import { parseColumnsFile } from "./columns-file";
import { tableConfigFileSchema, tableOptionsSchema, viewConfigFileSchema, type TableOptions } from "./table-options";

export type SchemaDir = "bootstrap" | "org";

export interface TableSpec {
  readonly dir: SchemaDir;
  readonly tableId: string;
  readonly columns: readonly Column[];
  readonly options: TableOptions;
  readonly file: string;
}

export interface ViewSpec {
  readonly viewId: string;
  readonly description: string;
  readonly baseTable: string;
  readonly materializable: boolean;
  /** SQL with `{{central}}` (the central dataset, quoted) and `{{org_slug}}` (a string literal). */
  readonly template: string;
  readonly file: string;
}

export interface SchemaSet {
  readonly bootstrap: readonly TableSpec[];
  readonly org: readonly TableSpec[];
  readonly views: readonly ViewSpec[];
}

export interface LoadedSchemas {
  readonly schemas: SchemaSet;
  readonly problems: readonly Problem[];
}

const PARTITION_TYPES: readonly CanonicalType[] = ["DATE", "TIMESTAMP", "DATETIME"];
const CLUSTER_TYPES: readonly CanonicalType[] = ["STRING", "INT64", "NUMERIC", "BIGNUMERIC", "DATE", "DATETIME", "TIMESTAMP", "BOOL", "GEOGRAPHY", "RANGE"];
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;
const KNOWN_PLACEHOLDERS = new Set(["central", "org_slug"]);

/** Reads `schemas/bootstrap`, `schemas/org` and the org view templates, validating all of it. */
export function loadSchemas(root: string, cwd: string = process.cwd()): LoadedSchemas {
  const problems: Problem[] = [];
  const bootstrap = loadTableDir(root, "bootstrap", cwd, problems);
  const org = loadTableDir(root, "org", cwd, problems);
  const views = loadViews(root, cwd, problems, bootstrap);
  return { schemas: { bootstrap, org, views }, problems };
}

function loadTableDir(root: string, dir: SchemaDir, cwd: string, problems: Problem[]): TableSpec[] {
  const folder = join(root, dir);
  const configPath = join(folder, "config.yml");
  const configFile = displayPath(configPath, cwd);
  if (!existsSync(configPath)) {
    problems.push({ file: configFile, line: 1, field: "(file)", message: "table config not found" });
    return [];
  }
  const text = readFileSync(configPath, "utf8");
  const config = parseYamlAs(tableConfigFileSchema, text, configFile);
  if (!config.ok) {
    problems.push(...config.problems);
    return [];
  }
  const declared = new Set(Object.keys(config.value.tables));
  for (const name of readdirSync(folder).filter((entry) => entry.endsWith(".json")).sort()) {
    const tableId = name.slice(0, -".json".length);
    if (!declared.has(tableId)) {
      problems.push({
        file: displayPath(join(folder, name), cwd),
        line: 1,
        field: "(file)",
        message: `no entry "${tableId}" in ${configFile}; add one (tables are never dropped: a table stays declared once added)`,
      });
    }
  }
  const tables: TableSpec[] = [];
  for (const [tableId, rawOptions] of Object.entries(config.value.tables)) {
    const parsedOptions = tableOptionsSchema.safeParse(rawOptions ?? {});
    if (!parsedOptions.success) problems.push(...zodProblems(parsedOptions.error, configFile, text, ["tables", tableId]));
    const schemaPath = join(folder, `${tableId}.json`);
    const file = displayPath(schemaPath, cwd);
    if (!existsSync(schemaPath)) {
      problems.push({ file: configFile, line: locateLine(text, ["tables", tableId]), field: `tables.${tableId}`, message: `schema file ${file} not found` });
      continue;
    }
    const columns = parseColumnsFile(readFileSync(schemaPath, "utf8"), file);
    if (!columns.ok) {
      problems.push(...columns.problems);
      continue;
    }
    if (!parsedOptions.success) continue;
    problems.push(...optionProblems(parsedOptions.data, columns.columns, configFile, text, tableId));
    tables.push({ dir, tableId, columns: columns.columns, options: parsedOptions.data, file });
  }
  return tables;
}

function optionProblems(options: TableOptions, columns: readonly Column[], file: string, text: string, tableId: string): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(columns.map((column) => [column.name, column]));
  const at = (key: string, message: string) =>
    problems.push({ file, line: locateLine(text, ["tables", tableId, key]), field: `tables.${tableId}.${key}`, message });
  const time = options.time_partitioning;
  if (time?.field !== undefined) {
    const column = byName.get(time.field);
    if (!column) at("time_partitioning", `partition column "${time.field}" is not a top-level column of ${tableId}`);
    else if (!PARTITION_TYPES.includes(column.type) || column.mode === "REPEATED") {
      at("time_partitioning", `partition column "${time.field}" is ${column.mode} ${column.type}; it must be a single DATE, TIMESTAMP or DATETIME`);
    }
  }
  const range = options.range_partitioning;
  if (range) {
    const column = byName.get(range.field);
    if (!column) at("range_partitioning", `partition column "${range.field}" is not a top-level column of ${tableId}`);
    else if (column.type !== "INT64" || column.mode === "REPEATED") at("range_partitioning", `range partition column "${range.field}" must be a single INT64`);
  }
  const seen = new Set<string>();
  for (const name of options.clustering) {
    const column = byName.get(name);
    if (seen.has(name)) at("clustering", `clustering column "${name}" is listed twice`);
    seen.add(name);
    if (!column) at("clustering", `clustering column "${name}" is not a top-level column of ${tableId}`);
    else if (!CLUSTER_TYPES.includes(column.type) || column.mode === "REPEATED") {
      at("clustering", `clustering column "${name}" is ${column.mode} ${column.type}; BigQuery clusters only by single scalar columns`);
    }
  }
  return problems;
}

function loadViews(root: string, cwd: string, problems: Problem[], central: readonly TableSpec[]): ViewSpec[] {
  const configPath = join(root, "org", "views.yml");
  const configFile = displayPath(configPath, cwd);
  if (!existsSync(configPath)) return [];
  const text = readFileSync(configPath, "utf8");
  const config = parseYamlAs(viewConfigFileSchema, text, configFile);
  if (!config.ok) {
    problems.push(...config.problems);
    return [];
  }
  const centralIds = new Set(central.map((table) => table.tableId));
  const views: ViewSpec[] = [];
  for (const [viewId, entry] of Object.entries(config.value.views)) {
    const sqlPath = join(root, "org", "views", `${viewId}.sql`);
    const file = displayPath(sqlPath, cwd);
    const line = locateLine(text, ["views", viewId]);
    if (!existsSync(sqlPath)) {
      problems.push({ file: configFile, line, field: `views.${viewId}`, message: `view SQL ${file} not found` });
      continue;
    }
    if (central.length > 0 && !centralIds.has(entry.base_table)) {
      problems.push({ file: configFile, line, field: `views.${viewId}.base_table`, message: `"${entry.base_table}" is not a table of the central dataset` });
    }
    const template = readFileSync(sqlPath, "utf8").trim();
    for (const match of template.matchAll(PLACEHOLDER)) {
      if (!KNOWN_PLACEHOLDERS.has(match[1] ?? "")) {
        problems.push({ file, line: template.slice(0, match.index).split("\n").length, field: "(sql)", message: `unknown placeholder ${match[0]} (known: {{central}}, {{org_slug}})` });
      }
    }
    if (!template.includes("{{org_slug}}")) {
      problems.push({ file, line: 1, field: "(sql)", message: "a per-org view must filter by {{org_slug}}" });
    }
    views.push({ viewId, description: entry.description, baseTable: entry.base_table, materializable: entry.materializable, template, file });
  }
  return views;
}

import { canonicalMode, canonicalType, columnKey, type Column } from "../model/columns";
import type { Problem } from "../diagnostics/problem";

export const MAX_NESTING_DEPTH = 15;
export const MAX_DESCRIPTION_LENGTH = 1024;
export const MAX_SCHEMA_FILE_BYTES = 4 * 1024 * 1024;
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;
const RESERVED_PREFIXES = ["_TABLE_", "_FILE_", "_PARTITION", "_ROW_TIMESTAMP", "__ROOT__", "_COLIDENTIFIER", "_CHANGE_"];
const COLUMN_KEYS = new Set([
  "name",
  "type",
  "mode",
  "description",
  "fields",
  "policyTags",
  "maxLength",
  "precision",
  "scale",
  "defaultValueExpression",
  "collation",
  "roundingMode",
]);

export type ParsedColumns = { ok: true; columns: Column[] } | { ok: false; problems: Problem[] };

/**
 * Parses a BigQuery schema JSON file (the format `bq show --schema` prints) into normalized
 * columns, reporting every problem with the line of the column it concerns.
 */
export function parseColumnsFile(text: string, file: string): ParsedColumns {
  if (Buffer.byteLength(text, "utf8") > MAX_SCHEMA_FILE_BYTES) {
    return { ok: false, problems: [{ file, line: 1, field: "(file)", message: "schema file is larger than 4 MiB" }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ file, line: jsonErrorLine(text, message), field: "(file)", message: `invalid JSON: ${message}` }] };
  }
  if (!Array.isArray(raw)) {
    return { ok: false, problems: [{ file, line: 1, field: "(file)", message: "must be a JSON array of columns" }] };
  }
  const problems: Problem[] = [];
  const locator = new JsonColumnLocator(text);
  const columns = parseLevel(raw, "", 1, { file, problems, locator });
  if (columns.length === 0 && problems.length === 0) {
    problems.push({ file, line: 1, field: "(file)", message: "declares no columns" });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns };
}

interface Context {
  readonly file: string;
  readonly problems: Problem[];
  readonly locator: JsonColumnLocator;
}

function parseLevel(items: readonly unknown[], prefix: string, depth: number, ctx: Context): Column[] {
  const columns: Column[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const fallbackName = `${prefix}[${index}]`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      ctx.problems.push({ file: ctx.file, line: 1, field: fallbackName, message: "must be an object with name and type" });
      return;
    }
    const record = item as Record<string, unknown>;
    const name = typeof record.name === "string" ? record.name : undefined;
    const path = name ? prefix + name : fallbackName;
    const line = ctx.locator.lineOf(name);
    const report = (field: string, message: string) =>
      ctx.problems.push({ file: ctx.file, line, field: field ? `${path}.${field}` : path, message });

    for (const key of Object.keys(record)) if (!COLUMN_KEYS.has(key)) report(key, "unknown key in a column definition");
    if (name === undefined) {
      report("name", "is required");
      return;
    }
    if (!COLUMN_NAME.test(name)) {
      report("name", "must start with a letter or underscore and hold only letters, digits and underscores (at most 300)");
    } else if (RESERVED_PREFIXES.some((reserved) => name.toUpperCase().startsWith(reserved))) {
      report("name", "uses a prefix BigQuery reserves");
    }
    if (seen.has(columnKey(name))) report("name", "is declared twice (column names are case-insensitive)");
    seen.add(columnKey(name));

    const type = typeof record.type === "string" ? canonicalType(record.type) : undefined;
    if (type === undefined) report("type", record.type === undefined ? "is required" : `unknown BigQuery type ${JSON.stringify(record.type)}`);
    const mode = record.mode === undefined || typeof record.mode === "string" ? canonicalMode(record.mode) : undefined;
    if (mode === undefined) report("mode", `must be NULLABLE, REQUIRED or REPEATED, not ${JSON.stringify(record.mode)}`);
    if (record.description !== undefined) {
      if (typeof record.description !== "string") report("description", "must be a string");
      else if (record.description.length > MAX_DESCRIPTION_LENGTH) report("description", `is longer than ${MAX_DESCRIPTION_LENGTH} characters`);
    }

    let fields: Column[] | undefined;
    if (type === "STRUCT") {
      if (depth >= MAX_NESTING_DEPTH) {
        report("fields", `nests deeper than ${MAX_NESTING_DEPTH} levels`);
      } else if (!Array.isArray(record.fields) || record.fields.length === 0) {
        report("fields", "a RECORD column needs a non-empty fields list");
      } else {
        fields = parseLevel(record.fields, `${path}.`, depth + 1, ctx);
      }
    } else if (record.fields !== undefined) {
      report("fields", "only RECORD columns have fields");
    }
    if (type === undefined || mode === undefined) return;
    columns.push({
      name,
      type,
      mode,
      ...(typeof record.description === "string" && record.description ? { description: record.description } : {}),
      ...(fields ? { fields } : {}),
    });
  });
  return columns;
}

/** Finds a column's line by its `"name": "..."` entry, scanning forward so repeated names resolve in order. */
class JsonColumnLocator {
  private readonly lines: string[];
  private cursor = 0;
  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }
  lineOf(name: string | undefined): number {
    if (name === undefined) return this.cursor + 1;
    const needle = `"name"`;
    const quoted = JSON.stringify(name);
    for (let i = this.cursor; i < this.lines.length; i++) {
      const line = this.lines[i] ?? "";
      const at = line.indexOf(needle);
      if (at >= 0 && line.indexOf(quoted, at + needle.length) >= 0) {
        this.cursor = i + 1;
        return i + 1;
      }
    }
    return 1;
  }
}

function jsonErrorLine(text: string, message: string): number {
  const line = /line (\d+)/.exec(message);
  if (line?.[1]) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (position?.[1]) return text.slice(0, Number(position[1])).split("\n").length;
  return 1;
}

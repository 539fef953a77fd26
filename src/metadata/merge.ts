import type { ParamType, ParamValue, Statement } from "./client";
import { quoteName, quoteTable, type TableRef } from "./identifiers";

export interface Cell {
  readonly value: ParamValue;
  readonly type: ParamType;
}

export interface MergeSpec {
  readonly target: TableRef;
  /** Columns that identify the row (the MERGE condition); they are part of `values`. */
  readonly match: readonly string[];
  /** Every column the statement writes, as query parameters. */
  readonly values: Readonly<Record<string, Cell>>;
  /** Columns of `values` written on insert only (first-write facts such as created_by). */
  readonly insertOnly?: readonly string[];
  /** Columns set to CURRENT_TIMESTAMP(): on insert, and on update. */
  readonly stamp?: { readonly insert?: readonly string[]; readonly update?: readonly string[] };
  /** Update a matched row only while this BOOL column of the target is TRUE. */
  readonly matchedWhile?: string;
  readonly whenMatched?: "update" | "ignore";
  readonly whenNotMatched?: "insert" | "ignore";
  /** Prefix of parameter names, so that statements can share one script. */
  readonly paramPrefix?: string;
}

/**
 * A parameterized `MERGE`: one `USING (SELECT @param AS column, ...)` source row matched on
 * `match`. Column names are validated and quoted; values are parameters only.
 */
export function mergeStatement(spec: MergeSpec): Statement {
  const prefix = spec.paramPrefix ?? "";
  const columns = Object.keys(spec.values);
  if (columns.length === 0 || spec.match.length === 0) throw new Error("a MERGE needs values and match columns");
  for (const column of [...spec.match, ...(spec.insertOnly ?? [])]) {
    if (!(column in spec.values)) throw new Error(`column ${column} is matched or insert-only but has no value`);
  }
  const params: Record<string, ParamValue> = {};
  const types: Record<string, ParamType> = {};
  const selects = columns.map((column) => {
    const cell = spec.values[column] as Cell;
    const param = `${prefix}${column}`;
    quoteName(param);
    params[param] = cell.value;
    types[param] = cell.type === "JSON" ? "STRING" : cell.type;
    const source = cell.type === "JSON" ? `PARSE_JSON(@${param})` : `@${param}`;
    return `${source} AS ${quoteName(column)}`;
  });
  const on = spec.match.map((column) => `target.${quoteName(column)} = source.${quoteName(column)}`).join(" AND ");
  const stampInsert = spec.stamp?.insert ?? [];
  const stampUpdate = spec.stamp?.update ?? [];
  const updated = columns.filter((column) => !spec.match.includes(column) && !(spec.insertOnly ?? []).includes(column));
  const sets = [
    ...updated.map((column) => `${quoteName(column)} = source.${quoteName(column)}`),
    ...stampUpdate.map((column) => `${quoteName(column)} = CURRENT_TIMESTAMP()`),
  ];
  const inserted = [...columns.map(quoteName), ...stampInsert.map(quoteName)];
  const insertedValues = [...columns.map((column) => `source.${quoteName(column)}`), ...stampInsert.map(() => "CURRENT_TIMESTAMP()")];
  const lines = [`MERGE ${quoteTable(spec.target)} AS target`, `USING (SELECT ${selects.join(", ")}) AS source`, `ON ${on}`];
  if ((spec.whenMatched ?? "update") === "update" && sets.length > 0) {
    const condition = spec.matchedWhile ? ` AND target.${quoteName(spec.matchedWhile)}` : "";
    lines.push(`WHEN MATCHED${condition} THEN UPDATE SET ${sets.join(", ")}`);
  }
  if ((spec.whenNotMatched ?? "insert") === "insert") {
    lines.push(`WHEN NOT MATCHED THEN INSERT (${inserted.join(", ")}) VALUES (${insertedValues.join(", ")})`);
  }
  return { query: lines.join("\n"), params, types };
}

/** Runs several statements as one multi-statement transaction: all of them apply, or none. */
export function transaction(statements: readonly Statement[]): Statement {
  if (statements.length === 1) return statements[0] as Statement;
  const params: Record<string, ParamValue> = {};
  const types: Record<string, ParamType> = {};
  for (const statement of statements) {
    for (const [name, value] of Object.entries(statement.params)) {
      if (name in params) throw new Error(`parameter @${name} is used by two statements of one transaction`);
      params[name] = value;
      types[name] = statement.types[name] as ParamType;
    }
  }
  const body = statements.map((statement) => `${statement.query};`).join("\n");
  return { query: `BEGIN TRANSACTION;\n${body}\nCOMMIT TRANSACTION;`, params, types };
}

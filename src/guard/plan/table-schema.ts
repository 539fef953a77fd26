/**
 * Judges a change of a table's `schema` input (a BigQuery schema JSON string) with the shared
 * column normalization: aliases, default modes, order and name case are not changes.
 */
import { type ApiColumn, fromApiSchema, unsafeColumnChanges } from "../../model/columns";
import type { Finding } from "./finding";
import { UNKNOWN_VALUE } from "./preview";

export type SchemaReading =
  | { readonly kind: "absent" }
  | { readonly kind: "unknown" }
  | { readonly kind: "invalid"; readonly reason: string }
  | { readonly kind: "columns"; readonly columns: readonly ApiColumn[] };

class SchemaShapeError extends Error {}

function readColumns(value: unknown, at: string): ApiColumn[] {
  if (!Array.isArray(value)) throw new SchemaShapeError(`${at} is not an array of columns`);
  return value.map((item: unknown, index) => {
    const where = `${at}[${index}]`;
    if (typeof item !== "object" || item === null) throw new SchemaShapeError(`${where} is not an object`);
    const { name, type, mode, fields } = item as Record<string, unknown>;
    if (typeof name !== "string" || name === "") throw new SchemaShapeError(`${where} has no name`);
    if (typeof type !== "string" || type === "") throw new SchemaShapeError(`${where} (${name}) has no type`);
    if (mode !== undefined && mode !== null && typeof mode !== "string") {
      throw new SchemaShapeError(`${where} (${name}) has a mode that is not a string`);
    }
    const column: ApiColumn = { name, type };
    if (typeof mode === "string") column.mode = mode;
    if (fields !== undefined && fields !== null) column.fields = readColumns(fields, `${name}.fields`);
    return column;
  });
}

/** Reads a schema input: a JSON string (as the provider takes it) or an already parsed array. */
export function readSchema(value: unknown): SchemaReading {
  if (value === undefined || value === null || value === "") return { kind: "absent" };
  if (value === UNKNOWN_VALUE) return { kind: "unknown" };
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      return { kind: "invalid", reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  try {
    return { kind: "columns", columns: readColumns(parsed, "schema") };
  } catch (error) {
    if (error instanceof SchemaShapeError) return { kind: "invalid", reason: error.message };
    throw error;
  }
}

/** The rules a schema change breaks, from the deployed schema to the planned one. */
export function judgeSchemaChange(before: unknown, after: unknown): Finding[] {
  // The common case: nothing changed, no parsing needed.
  if (before === after) return [];
  const old = readSchema(before);
  const next = readSchema(after);
  if (old.kind === "unknown" || next.kind === "unknown") {
    return [{ code: "PG150", details: ["schema is unknown until the update runs"] }];
  }
  if (old.kind === "invalid") return [{ code: "PG151", details: [`deployed schema: ${old.reason}`] }];
  if (next.kind === "invalid") return [{ code: "PG151", details: [`planned schema: ${next.reason}`] }];
  // Without a planned schema the provider keeps the deployed one; without a deployed one nothing is lost.
  if (old.kind === "absent" || next.kind === "absent") return [];

  const unsafe = unsafeColumnChanges(fromApiSchema(old.columns), fromApiSchema(next.columns));
  const findings: Finding[] = [];
  if (unsafe.removed.length > 0) findings.push({ code: "PG110", details: unsafe.removed.map((path) => `dropped: ${path}`) });
  const typeChanges = unsafe.typeChanged;
  if (typeChanges.length > 0) {
    findings.push({
      code: "PG111",
      details: typeChanges.map((change) => `${change.path}: ${change.before.type} -> ${change.after.type}`),
    });
  }
  const modeChanges = unsafe.modeChanged;
  if (modeChanges.length > 0) {
    findings.push({
      code: "PG112",
      details: modeChanges.map((change) => `${change.path}: ${change.before.mode} -> ${change.after.mode}`),
    });
  }
  const requiredAdded = unsafe.requiredAdded;
  if (requiredAdded.length > 0) {
    findings.push({ code: "PG113", details: requiredAdded.map((field) => `added: ${field.path} ${field.type} REQUIRED`) });
  }
  return findings;
}

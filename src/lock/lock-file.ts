import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { fromApiSchema, toApiSchema, type ApiColumn, type Column } from "../model/columns";
import type { LockedColumns } from "../model/build";
import type { Problem } from "../diagnostics/problem";
import { zodProblems } from "../diagnostics/zod-problems";

export const LOCK_VERSION = 1;

const apiColumnSchema: z.ZodType<ApiColumn> = z.lazy(() =>
  z.strictObject({
    name: z.string(),
    type: z.string(),
    mode: z.string().optional(),
    description: z.string().optional(),
    fields: z.array(apiColumnSchema).optional(),
  }),
);

const lockFileSchema = z.strictObject({
  version: z.literal(LOCK_VERSION),
  tables: z.record(z.string().regex(/^(bootstrap|org)\/[A-Za-z0-9_]+$/, "keys are <bootstrap|org>/<table>"), z.array(apiColumnSchema)),
});

/** Parses the lock's text; an absent lock (undefined text) is an empty one. */
export function parseLock(text: string | undefined, file: string): { ok: true; lock: LockedColumns } | { ok: false; problems: Problem[] } {
  if (text === undefined) return { ok: true, lock: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, field: "(file)", message: `invalid JSON: ${(error as Error).message}` }] };
  }
  const result = lockFileSchema.safeParse(raw);
  if (!result.success) return { ok: false, problems: zodProblems(result.error, file, text) };
  const lock: Record<string, Column[]> = {};
  for (const [key, columns] of Object.entries(result.data.tables)) lock[key] = fromApiSchema(columns);
  return { ok: true, lock };
}

export function readLock(path: string, file: string): ReturnType<typeof parseLock> {
  return parseLock(existsSync(path) ? readFileSync(path, "utf8") : undefined, file);
}

/** Serializes a lock deterministically (sorted tables; columns in lock order), without descriptions. */
export function serializeLock(lock: LockedColumns): string {
  const tables: Record<string, ApiColumn[]> = {};
  for (const key of Object.keys(lock).sort()) tables[key] = stripDescriptions(toApiSchema(lock[key] ?? []));
  return JSON.stringify({ version: LOCK_VERSION, tables }, null, 2) + "\n";
}

export function writeLock(path: string, lock: LockedColumns): void {
  writeFileSync(path, serializeLock(lock));
}

function stripDescriptions(columns: ApiColumn[]): ApiColumn[] {
  return columns.map(({ name, type, mode, fields }) => ({ name, type, ...(mode ? { mode } : {}), ...(fields ? { fields: stripDescriptions(fields) } : {}) }));
}

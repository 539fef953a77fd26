/**
 * The catalog rows status compares against: the snapshot format of DESIGN.md section 7, which is
 * also what a live read returns (`bq query --format=json` rows of three queries).
 */
import { z } from "zod";

const schemataRow = z.looseObject({ schema_name: z.string().min(1, "must not be empty") });
const columnRow = z.looseObject({
  table_schema: z.string().min(1, "must not be empty"),
  table_name: z.string().min(1, "must not be empty"),
  column_name: z.string().min(1, "must not be empty"),
  field_path: z.string().min(1, "must not be empty"),
  data_type: z.string().min(1, "must not be empty"),
});
const profileRow = z.looseObject({ org_slug: z.string().min(1, "must not be empty") });

export const catalogRowsSchema = z.strictObject({
  schemata: z.array(schemataRow),
  columns: z.array(columnRow),
  org_profiles: z.array(profileRow).default([]),
});

export type SchemataRow = z.infer<typeof schemataRow>;
export type ColumnRow = z.infer<typeof columnRow>;
export type ProfileRow = z.infer<typeof profileRow>;

/** INFORMATION_SCHEMA.SCHEMATA, COLUMN_FIELD_PATHS and org_profiles rows. */
export interface CatalogRows {
  readonly schemata: readonly SchemataRow[];
  readonly columns: readonly ColumnRow[];
  readonly org_profiles: readonly ProfileRow[];
}

/**
 * The plan guard's rule catalogue. Codes are stable: CI logs, PR comments and reviewers refer to
 * them. Each rule has one message and one suggested fix.
 */
import type { StepOp } from "./preview";

export interface Rule {
  readonly name: string;
  readonly message: string;
  readonly fix: string;
}

export const RULES = {
  PG101: {
    name: "resource-deleted",
    message: "the plan deletes the resource or drops it from the stack's state",
    fix:
      "Keep declaring the resource with the same logical name and parent; if it moved, add an `aliases` " +
      "option instead of letting Pulumi delete it. Datasets and tables are never removed.",
  },
  PG102: {
    name: "resource-replaced",
    message: "the plan replaces the resource: it is deleted and created again, and its data is lost",
    fix:
      "Revert the properties named in replaceReasons and make the change additive (a new NULLABLE column, a " +
      "new table). A view or materialized view may be replaced only with a reviewed guard-allowlist.yaml entry.",
  },
  PG110: {
    name: "column-dropped",
    message: "the new table schema lacks columns or nested fields of the deployed one: they would be dropped",
    fix:
      "Put the columns back in the schema JSON. Columns are never removed: keep them in schemas/schema.lock.json " +
      "(`cloudact guard schema` checks it) so the program keeps declaring them.",
  },
  PG111: {
    name: "column-type-changed",
    message: "a column's type changes beyond an alias: BigQuery recreates the table and its data is lost",
    fix: "Keep the old type and add a new NULLABLE column with the new type; backfill it with a query.",
  },
  PG112: {
    name: "column-mode-changed",
    message: "a column's mode changes in a way other than REQUIRED -> NULLABLE: the table would be recreated",
    fix: "Keep the old mode (only REQUIRED -> NULLABLE is applied in place); add a new column if another mode is needed.",
  },
  PG113: {
    name: "required-column-added",
    message: "a REQUIRED column or field is added to an existing table: the table would be recreated",
    fix: "Add the column as NULLABLE (or REPEATED); enforce presence in the pipelines that write it.",
  },
  PG114: {
    name: "partitioning-changed",
    message: "the table's time or range partitioning changes: the table would be recreated",
    fix: "Keep the partitioning of the deployed table; to repartition, create a new table and copy the data into it.",
  },
  PG120: {
    name: "dataset-location-changed",
    message: "the dataset's location changes: the dataset and every table in it would be recreated",
    fix:
      "Keep the deployed location. To move data, create a new dataset in the new location and copy the tables " +
      "(BigQuery Data Transfer Service), then retire the old one outside this program.",
  },
  PG130: {
    name: "resource-unprotected",
    message: "the dataset or table is not registered with `protect: true`",
    fix: "Register every dataset and table through the helper that sets `protect: true` and `retainOnDelete: true`.",
  },
  PG131: {
    name: "table-deletion-protection-off",
    message: "the table sets `deletionProtection: false`",
    fix: "Remove `deletionProtection: false`; every table keeps `deletionProtection: true`.",
  },
  PG132: {
    name: "dataset-deletes-contents",
    message: "the dataset sets `deleteContentsOnDestroy: true`",
    fix: "Set `deleteContentsOnDestroy: false` on every dataset.",
  },
  PG150: {
    name: "unknown-value",
    message: "a property the guard must check is unknown at preview time, so the change cannot be proved safe",
    fix:
      "Make the property a plain value known at preview time (no output of another resource), or apply the " +
      "resource it depends on first, then preview again.",
  },
  PG151: {
    name: "schema-unreadable",
    message: "the table's schema is not a readable BigQuery schema JSON, so the change cannot be proved safe",
    fix: "Fix the schema JSON the program renders: an array of {name, type, mode?, fields?} objects.",
  },
  PG160: {
    name: "preview-failed",
    message: "the preview reported errors, so its list of steps may be incomplete",
    fix: "Fix the errors the preview reports and run `pulumi preview --json` again.",
  },
} as const satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;

/** Ops that destroy a resource, or forget it, whatever its type: PG101. */
const DELETING_OPS: ReadonlySet<StepOp> = new Set<StepOp>([
  "delete",
  "delete-replaced",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
]);
/** Ops that re-create a resource in place of an existing one: PG102. */
const REPLACING_OPS: ReadonlySet<StepOp> = new Set<StepOp>(["replace", "create-replacement", "import-replacement"]);

/** The rule a destructive op breaks, or undefined for ops that keep the resource. */
export function destructiveRule(op: StepOp): "PG101" | "PG102" | undefined {
  if (DELETING_OPS.has(op)) return "PG101";
  if (REPLACING_OPS.has(op)) return "PG102";
  return undefined;
}

/** Ops whose property changes are judged (schema, partitioning, location): they change an existing resource. */
export function changesExistingResource(op: StepOp): boolean {
  return op === "update" || REPLACING_OPS.has(op);
}

/** Ops that leave a resource the program manages (reads of external resources are not ours to protect). */
export function keepsManagedResource(op: StepOp): boolean {
  return op !== "read" && op !== "read-replacement" && destructiveRule(op) !== "PG101";
}

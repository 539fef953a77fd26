/**
 * The schema guard's rule catalogue. Codes are stable: CI logs, PR comments and reviewers refer to
 * them. Each rule has one message saying what happened and one suggested fix.
 */
export interface SchemaRule {
  readonly name: string;
  readonly message: string;
  readonly fix: string;
}

export const SCHEMA_RULES = {
  SG200: {
    name: "input-invalid",
    message: "the input files have problems, so what they declare cannot be fully judged",
    fix: "Fix each problem listed (`npx cloudact validate` lists them with file, line and field).",
  },
  SG201: {
    name: "column-not-locked",
    message: "the schema JSON declares a table, column or nested field that schemas/schema.lock.json does not hold",
    fix: "Run `npx cloudact lock` and commit schemas/schema.lock.json with the schema change.",
  },
  SG202: {
    name: "lock-entry-removed",
    message: "a table, column or nested field was removed from schemas/schema.lock.json since the base: the lock only grows",
    fix: "Restore the lock from the base (`git checkout <base> -- schemas/schema.lock.json`), then run `npx cloudact lock`.",
  },
  SG203: {
    name: "lock-entry-changed",
    message: "a locked column's type or mode was changed in schemas/schema.lock.json since the base: locked entries never change",
    fix: "Restore the entry from the base; the lock keeps a column as first declared. Add a new column for a new type or mode.",
  },
  SG210: {
    name: "column-type-changed",
    message: "a column's type changes beyond an alias: BigQuery would recreate the table and its data would be lost",
    fix: "Keep the old type and add a new NULLABLE column with the new type; backfill it with a query.",
  },
  SG211: {
    name: "column-mode-changed",
    message: "a column's mode changes in a way other than REQUIRED -> NULLABLE: the table would be recreated",
    fix: "Keep the old mode (only REQUIRED -> NULLABLE is applied in place); add a new column if another mode is needed.",
  },
  SG212: {
    name: "required-column-added",
    message: "a REQUIRED column or nested field is added to an existing table: BigQuery refuses it and the provider would recreate the table",
    fix: "Declare the new column NULLABLE (or REPEATED); enforce presence in the pipelines that write it.",
  },
  SG213: {
    name: "column-renamed",
    message: "a column is gone and another was added at the same level of the same table: a rename drops the old column's data",
    fix: "Keep the old column in the schema JSON and add the new one as NULLABLE; copy the values with a query. The lock keeps the old column declared either way.",
  },
  SG214: {
    name: "partitioning-changed",
    message: "an existing table's time or range partitioning changes: the table would be recreated",
    fix: "Keep the partitioning in config.yml as it is at the base; to repartition, create a new table and copy the data into it.",
  },
  SG220: {
    name: "table-removed",
    message: "a table that exists (in the lock or at the base) is no longer declared: its config.yml entry or its JSON file is gone",
    fix: "Restore the table's entry in config.yml and its schema JSON file. Tables are never dropped; stop writing to one instead.",
  },
  SG230: {
    name: "org-removed",
    message: "an organization's registry file was removed since the base",
    fix: "Restore the file. To offboard an org, set `status: suspended`; its dataset stays.",
  },
  SG231: {
    name: "org-dataset-removed",
    message: "an org dataset that the stack declared at the base would no longer be declared (slug, environments or dataset suffix changed)",
    fix: "Restore the org's slug and environments and the stack's datasetSuffix. Slugs and suffixes are permanent; to stop using a stack, suspend the org.",
  },
  SG232: {
    name: "stack-removed",
    message: "a stack file (Pulumi.<stack>.yaml) was removed since the base: every dataset it declares would leave the program",
    fix: "Restore the stack file. Retiring a stack is done outside this program, by its operators.",
  },
  SG233: {
    name: "dataset-location-changed",
    message: "a stack's location changed since the base: every dataset of the stack would be recreated",
    fix: "Restore the location. To move data, create a new stack in the new location and copy the tables into it.",
  },
  SG234: {
    name: "org-moved-between-stacks",
    message: "an org dataset leaves one stack of its environment for another (a shard split): without a state move Pulumi would delete it from the old stack",
    fix: "Move the org's resources first with `pulumi state move` (docs/scale.md), check that `npm run preview` of both stacks shows no delete or create, then record the move under `moves:` in guard-allowlist.yaml with a reason.",
  },
  SG240: {
    name: "materialized-view-query-changed",
    message: "a materialized view's SQL template changed: BigQuery cannot alter one, so each affected view is replaced",
    fix:
      "If the replacement is intended (a view holds derived data only), add every affected URN listed to " +
      "guard-allowlist.yaml with a reason; otherwise revert the SQL change.",
  },
} as const satisfies Record<string, SchemaRule>;

export type SchemaRuleCode = keyof typeof SCHEMA_RULES;

/** One broken rule, with the subject it concerns and the specifics that break it. */
export interface SchemaFinding {
  readonly code: SchemaRuleCode;
  /** What the finding is about: `org/<table>`, an org slug, `stack <name>`, `view <id>`. */
  readonly subject: string;
  /** The file to look at (working tree, or `<path> at <ref>` for something gone). */
  readonly file: string;
  readonly details: readonly string[];
}

/** A finding with its rule's text, as reports print it. */
export interface SchemaViolation extends SchemaFinding {
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
}

export function toViolation(finding: SchemaFinding): SchemaViolation {
  const rule = SCHEMA_RULES[finding.code];
  return { ...finding, rule: rule.name, message: rule.message, fix: rule.fix };
}

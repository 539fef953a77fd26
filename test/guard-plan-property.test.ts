import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { ApiColumn } from "../src/model/columns";
import { EMPTY_ALLOWLIST } from "../src/guard/allowlist";
import { type Judgement, judgePlan } from "../src/guard/plan/judge";
import { parsePreview } from "../src/guard/plan/preview";

const LEAF_TYPES = ["STRING", "INTEGER", "INT64", "FLOAT", "FLOAT64", "BOOLEAN", "BOOL", "NUMERIC", "DECIMAL", "DATE", "TIMESTAMP", "JSON", "BYTES"];
const MODES = [undefined, "NULLABLE", "REQUIRED", "REPEATED"];
const URN = "urn:pulumi:dev::cloudact-bigquery::cloudact:bigquery:Organization$gcp:bigquery/table:Table::acme_corp_prod.cost_data_standard_1_3";

const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/);

function withMode(column: ApiColumn, mode: string | undefined): ApiColumn {
  return mode === undefined ? column : { ...column, mode };
}

/** A list of columns with names unique case-insensitively, records nested up to `depth`. */
function columns(depth: number, modes: readonly (string | undefined)[], minLength = 0): fc.Arbitrary<ApiColumn[]> {
  const leaf = fc
    .tuple(fc.constantFrom(...LEAF_TYPES), fc.constantFrom(...modes))
    .map(([type, mode]) => ({ type, mode }));
  const node: fc.Arbitrary<{ type: string; mode: string | undefined; fields?: ApiColumn[] }> =
    depth <= 0
      ? leaf
      : fc.oneof(
          { weight: 3, arbitrary: leaf },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.constantFrom("RECORD", "STRUCT"), fc.constantFrom(...modes), columns(depth - 1, modes, 1))
              .map(([type, mode, fields]) => ({ type, mode, fields })),
          },
        );
  return fc
    .uniqueArray(fc.tuple(name, node), { minLength, maxLength: 6, selector: ([columnName]) => columnName.toLowerCase() })
    .map((items) => items.map(([columnName, { type, mode, fields }]) => withMode({ name: columnName, type, ...(fields ? { fields } : {}) }, mode)));
}

function judgeUpdate(before: readonly ApiColumn[], after: readonly ApiColumn[]): Judgement {
  const state = (schema: readonly ApiColumn[]) => ({
    type: "gcp:bigquery/table:Table",
    inputs: { datasetId: "acme_corp_prod", tableId: "cost_data_standard_1_3", deletionProtection: true, schema: JSON.stringify(schema) },
    outputs: {},
    protect: true,
    retainOnDelete: true,
  });
  const document = { steps: [{ op: "update", urn: URN, oldState: state(before), newState: state(after), diffReasons: ["schema"] }] };
  return judgePlan(parsePreview(JSON.stringify(document), "property"), EMPTY_ALLOWLIST);
}

/** Adds `extra` to the top level and to every existing record, skipping names already used there. */
function addColumns(schema: readonly ApiColumn[], extra: readonly ApiColumn[], shuffleSeed: number): ApiColumn[] {
  const taken = new Set(schema.map((column) => column.name.toLowerCase()));
  const kept = schema.map((column) => (column.fields ? { ...column, fields: addColumns(column.fields, extra, shuffleSeed + 1) } : column));
  const added = [...kept, ...extra.filter((column) => !taken.has(column.name.toLowerCase()))];
  // Order never matters: rotate by the seed.
  const shift = added.length === 0 ? 0 : shuffleSeed % added.length;
  return [...added.slice(shift), ...added.slice(0, shift)];
}

/** Every path of the tree (`a`, `r.x`), in order. */
function paths(schema: readonly ApiColumn[], prefix = ""): string[] {
  return schema.flatMap((column) => [prefix + column.name, ...paths(column.fields ?? [], `${prefix}${column.name}.`)]);
}

function removePath(schema: readonly ApiColumn[], path: string, prefix = ""): ApiColumn[] {
  return schema
    .filter((column) => prefix + column.name !== path)
    .map((column) => (column.fields ? { ...column, fields: removePath(column.fields, path, `${prefix}${column.name}.`) } : column));
}

test("an update that only adds NULLABLE columns passes, for any table schema", () => {
  fc.assert(
    fc.property(columns(2, MODES), columns(1, [undefined, "NULLABLE"], 1), fc.nat(), (schema, extra, seed) => {
      const judgement = judgeUpdate(schema, addColumns(schema, extra, seed));
      assert.deepEqual(judgement.violations, []);
    }),
    { numRuns: 300 },
  );
});

test("an update that removes any column or nested field is rejected and names it", () => {
  fc.assert(
    fc.property(
      columns(2, MODES, 1).chain((schema) => fc.tuple(fc.constant(schema), fc.constantFrom(...paths(schema)))),
      ([schema, path]) => {
        const judgement = judgeUpdate(schema, removePath(schema, path));
        assert.equal(judgement.passed, false);
        const dropped = judgement.violations.find((violation) => violation.code === "PG110");
        assert.ok(dropped, "PG110 reported");
        assert.ok(dropped.details.includes(`dropped: ${path}`), `${path} named in ${dropped.details.join(", ")}`);
      },
    ),
    { numRuns: 300 },
  );
});

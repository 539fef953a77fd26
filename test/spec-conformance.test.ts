/**
 * The spec-bound tables must keep every column of the specification they follow, by its exact
 * name and type. Each fixture in test/fixtures/specs/ is a column list transcribed from a spec.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalMode, canonicalType } from "../src/model/columns";

interface SpecColumn {
  name: string;
  type: string;
  mode?: string;
  fields?: SpecColumn[];
}
interface SpecFixture {
  table: string;
  dir: "bootstrap" | "org";
  spec: string;
  version: string;
  source: string;
  columns: SpecColumn[];
}
interface SchemaColumn {
  name: string;
  type: string;
  mode?: string;
  fields?: SchemaColumn[];
}

const fixturesDir = join(__dirname, "fixtures", "specs");
const fixtureFiles = readdirSync(fixturesDir).filter((file) => file.endsWith(".json"));

function checkColumns(spec: SpecColumn[], actual: SchemaColumn[], where: string): string[] {
  const problems: string[] = [];
  const byName = new Map(actual.map((column) => [column.name, column]));
  for (const column of spec) {
    const found = byName.get(column.name);
    const path = `${where}${column.name}`;
    if (!found) {
      problems.push(`${path}: missing (or renamed)`);
      continue;
    }
    if (canonicalType(found.type) !== canonicalType(column.type)) {
      problems.push(`${path}: type ${found.type}, spec says ${column.type}`);
    }
    const specRepeated = canonicalMode(column.mode) === "REPEATED";
    if (specRepeated !== (canonicalMode(found.mode) === "REPEATED")) {
      problems.push(`${path}: repeated-ness differs from the spec`);
    }
    if (column.fields) problems.push(...checkColumns(column.fields, found.fields ?? [], `${path}.`));
  }
  return problems;
}

test("there is a spec fixture for each spec-bound table", () => {
  const tables = fixtureFiles.map((file) => (JSON.parse(readFileSync(join(fixturesDir, file), "utf8")) as SpecFixture).table);
  for (const expected of [
    "cost_data_standard_1_3",
    "contract_commitment_1_3",
    "cloud_gcp_billing_raw_daily",
    "cloud_aws_billing_raw_daily",
    "cloud_azure_billing_raw_daily",
    "cloud_oci_billing_raw_daily",
  ]) {
    assert.ok(tables.includes(expected), `no fixture for ${expected}`);
  }
});

for (const file of fixtureFiles) {
  const fixture = JSON.parse(readFileSync(join(fixturesDir, file), "utf8")) as SpecFixture;
  test(`${fixture.table} holds every column of ${fixture.spec} ${fixture.version}`, () => {
    assert.ok(fixture.columns.length > 0, "fixture lists no columns");
    const schemaPath = join(__dirname, "..", "schemas", fixture.dir, `${fixture.table}.json`);
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as SchemaColumn[];
    assert.deepEqual(checkColumns(fixture.columns, schema, ""), []);
  });
}

test("the check itself notices a renamed column and a changed type", () => {
  const spec: SpecColumn[] = [{ name: "BilledCost", type: "NUMERIC" }, { name: "r", type: "RECORD", fields: [{ name: "x", type: "STRING" }] }];
  const actual: SchemaColumn[] = [{ name: "billed_cost", type: "NUMERIC" }, { name: "r", type: "RECORD", fields: [{ name: "x", type: "INTEGER" }] }];
  assert.deepEqual(checkColumns(spec, actual, ""), ["BilledCost: missing (or renamed)", "r.x: type INTEGER, spec says STRING"]);
});

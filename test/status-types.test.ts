import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { catalogTypeOf, flattenCatalogType, modelSignature, parseCatalogType, type CatalogType } from "../src/model/catalog-types";
import { CANONICAL_TYPES, flattenColumns, type CanonicalType, type Column, type Mode } from "../src/model/columns";

function parsed(text: string): CatalogType {
  const result = parseCatalogType(text);
  assert.ok(result.ok, `${text}: ${result.ok ? "" : result.message}`);
  return result.type;
}

test("scalar types, aliases and parameters read as the shared canonical names", () => {
  const cases: Array<[string, string]> = [
    ["INT64", "INT64"],
    ["INTEGER", "INT64"],
    ["FLOAT", "FLOAT64"],
    ["BOOLEAN", "BOOL"],
    ["DECIMAL", "NUMERIC"],
    ["BIGDECIMAL", "BIGNUMERIC"],
    ["NUMERIC(10,2)", "NUMERIC"],
    ["BIGNUMERIC(40, 5)", "BIGNUMERIC"],
    ["STRING(20)", "STRING"],
    ["BYTES(16)", "BYTES"],
    ["timestamp", "TIMESTAMP"],
    ["RANGE<DATE>", "RANGE"],
    ["JSON", "JSON"],
  ];
  for (const [text, type] of cases) assert.deepEqual(parsed(text), { type, repeated: false }, text);
});

test("ARRAY and STRUCT nest, with repeated fields inside structs", () => {
  const type = parsed("ARRAY<STRUCT<a INT64, b ARRAY<STRING>, `c d` STRUCT<e NUMERIC(10,2)>>>");
  assert.equal(type.type, "STRUCT");
  assert.equal(type.repeated, true);
  assert.deepEqual(
    flattenCatalogType("credits", type).map((field) => [field.path, field.signature.type, field.signature.repeated]),
    [
      ["credits", "STRUCT", true],
      ["credits.a", "INT64", false],
      ["credits.b", "STRING", true],
      ["credits.c d", "STRUCT", false],
      ["credits.c d.e", "NUMERIC", false],
    ],
  );
  assert.deepEqual(parsed("STRUCT<x INT64 NOT NULL>").fields?.[0]?.type, { type: "INT64", repeated: false });
  assert.deepEqual(parsed("RECORD<x FLOAT>").fields?.[0]?.type, { type: "FLOAT64", repeated: false });
});

test("malformed and unknown types are reported, not guessed", () => {
  for (const text of ["", "ARRAY<", "STRUCT<a>", "ARRAY<ARRAY<INT64>>", "STRING(20", "INT64 INT64", "STRUCT<a INT64,, b INT64>", "`a"]) {
    assert.equal(parseCatalogType(text).ok, false, JSON.stringify(text));
  }
  assert.deepEqual(parsed("FANCY_TYPE"), { type: "FANCY_TYPE", repeated: false });
});

const SCALARS = CANONICAL_TYPES.filter((type) => type !== "STRUCT");
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const mode = fc.constantFrom<Mode>("NULLABLE", "REQUIRED", "REPEATED");
const columnTree: fc.Arbitrary<Column> = fc.letrec<{ column: Column }>((tie) => ({
  column: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ name, type: fc.constantFrom<CanonicalType>(...SCALARS), mode }),
    fc.record({
      name,
      type: fc.constant<CanonicalType>("STRUCT"),
      mode,
      fields: fc.uniqueArray(tie("column"), { minLength: 1, maxLength: 4, selector: (column) => column.name.toLowerCase() }),
    }),
  ),
})).column;

test("property: a declared column spelled the catalog's way reads back to the same signatures", () => {
  fc.assert(
    fc.property(columnTree, (column) => {
      const back = flattenCatalogType(column.name, parsed(catalogTypeOf(column)));
      const declared = flattenColumns([column]);
      assert.deepEqual(
        back.map((field) => [field.path, field.signature]),
        declared.map((field) => [field.path, modelSignature(field.type, field.mode)]),
      );
    }),
    { numRuns: 300 },
  );
});

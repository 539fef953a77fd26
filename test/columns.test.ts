import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalType, canonicalMode, compareColumns, fromApiSchema, unionColumns, toApiSchema } from "../src/model/columns";

test("type aliases collapse to one canonical name", () => {
  assert.equal(canonicalType("integer"), "INT64");
  assert.equal(canonicalType("INT64"), "INT64");
  assert.equal(canonicalType("RECORD"), canonicalType("STRUCT"));
  assert.equal(canonicalType("DECIMAL"), "NUMERIC");
  assert.equal(canonicalType("BIGDECIMAL"), "BIGNUMERIC");
  assert.equal(canonicalType("VARCHAR"), undefined);
});

test("mode defaults to NULLABLE and rejects unknown modes", () => {
  assert.equal(canonicalMode(undefined), "NULLABLE");
  assert.equal(canonicalMode("repeated"), "REPEATED");
  assert.equal(canonicalMode("OPTIONAL"), undefined);
});

test("comparison ignores order, aliases and name case, and recurses into records", () => {
  const before = fromApiSchema([
    { name: "a", type: "INTEGER" },
    { name: "r", type: "RECORD", fields: [{ name: "x", type: "FLOAT" }, { name: "y", type: "STRING" }] },
  ]);
  const after = fromApiSchema([
    { name: "R", type: "STRUCT", mode: "NULLABLE", fields: [{ name: "x", type: "FLOAT64" }] },
    { name: "a", type: "INT64", mode: "NULLABLE" },
    { name: "b", type: "STRING" },
  ]);
  const diff = compareColumns(before, after);
  assert.deepEqual(diff.removed, ["r.y"]);
  assert.deepEqual(diff.added.map((f) => f.path), ["b"]);
  assert.deepEqual(diff.changed, []);
});

test("union keeps base definitions and appends new columns and nested fields", () => {
  const base = fromApiSchema([{ name: "r", type: "RECORD", fields: [{ name: "x", type: "STRING" }] }]);
  const addition = fromApiSchema([
    { name: "r", type: "RECORD", fields: [{ name: "z", type: "STRING" }] },
    { name: "n", type: "INTEGER" },
  ]);
  const merged = toApiSchema(unionColumns(base, addition));
  assert.deepEqual(merged.map((c) => c.name), ["r", "n"]);
  assert.deepEqual(merged[0]?.fields?.map((c) => c.name), ["x", "z"]);
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { BigQuery } from "@google-cloud/bigquery";
import { isNotFound } from "../src/hierarchy/read";
import { HierarchyRowError, toHierarchyNode } from "../src/hierarchy/rows";

const ROW = { org_slug: "acme_corp", entity_id: "eng", depth: 0, is_active: true, created_at: "2026-01-02T03:04:05.000001Z" };

test("timestamps arrive as the client's BigQueryTimestamp, a Date or a string and leave as ISO strings", () => {
  const wrapped = toHierarchyNode({ ...ROW, created_at: BigQuery.timestamp("2026-01-02T03:04:05.123456Z"), updated_at: new Date("2026-02-01T00:00:00Z") }, 0);
  assert.equal(wrapped.created_at, "2026-01-02T03:04:05.123456Z");
  assert.equal(wrapped.updated_at, "2026-02-01T00:00:00.000Z");
  assert.equal(toHierarchyNode(ROW, 0).created_at, "2026-01-02T03:04:05.000001Z");
  assert.equal(toHierarchyNode(ROW, 0).entity_name, null);
});

test("a row without the hierarchy's shape is an error, not a silently wrong node", () => {
  const bad: [unknown, RegExp][] = [
    [null, /row 3 is not an object/],
    [{ ...ROW, entity_id: undefined }, /entity_id is missing/],
    [{ ...ROW, created_at: null }, /created_at is missing/],
    [{ ...ROW, depth: 1.5 }, /depth is not an integer/],
    [{ ...ROW, is_active: "yes" }, /is_active is not a boolean/],
    [{ ...ROW, path: 7 }, /path is not a string/],
    [{ ...ROW, created_at: 12 }, /created_at is not a timestamp/],
  ];
  for (const [row, message] of bad) assert.throws(() => toHierarchyNode(row, 3), (error: unknown) => error instanceof HierarchyRowError && message.test(error.message));
});

test("only BigQuery's not-found errors count as a missing view", () => {
  assert.equal(isNotFound({ code: 404, errors: [{ reason: "notFound" }] }), true);
  assert.equal(isNotFound({ errors: [{ reason: "notFound" }] }), true);
  assert.equal(isNotFound({ code: 403, errors: [{ reason: "accessDenied" }] }), false);
  assert.equal(isNotFound({ code: 400, errors: [{ reason: "invalidQuery" }] }), false);
  assert.equal(isNotFound(new Error("socket hang up")), false);
  assert.equal(isNotFound(null), false);
});

import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { EMPTY_ALLOWLIST } from "../src/guard/allowlist";
import { judgeSchemas } from "../src/guard/schema/judge";
import type { RepoSnapshot } from "../src/guard/schema/snapshot";
import { extendLock } from "../src/lock/extend";
import { CANONICAL_TYPES, columnKey, flattenColumns, type CanonicalType, type Column } from "../src/model/columns";
import { lockKey, type LockedColumns } from "../src/model/build";
import type { TableSpec } from "../src/schemas/load";

const SCALARS = CANONICAL_TYPES.filter((type): type is Exclude<CanonicalType, "STRUCT"> => type !== "STRUCT");
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);

const scalar = fc.record({ name, type: fc.constantFrom(...SCALARS), mode: fc.constantFrom("NULLABLE" as const, "REQUIRED" as const, "REPEATED" as const) });

function uniqueByName<T extends { name: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(columnKey(item.name)) && seen.add(columnKey(item.name)));
}

const column: fc.Arbitrary<Column> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  {
    weight: 1,
    arbitrary: fc
      .record({ name, mode: fc.constantFrom("NULLABLE" as const, "REPEATED" as const), fields: fc.array(scalar, { minLength: 1, maxLength: 3 }) })
      .map(({ name, mode, fields }): Column => ({ name, type: "STRUCT", mode, fields: uniqueByName(fields) })),
  },
);

const table = fc
  .record({ tableId: fc.stringMatching(/^t_[a-z0-9]{1,6}$/), columns: fc.array(column, { minLength: 1, maxLength: 6 }) })
  .map(({ tableId, columns }): TableSpec => ({
    dir: "org",
    tableId,
    columns: uniqueByName(columns),
    options: { description: "a table", clustering: [], require_partition_filter: false, labels: {} },
    file: `schemas/org/${tableId}.json`,
  }));

const tables = fc.uniqueArray(table, { minLength: 1, maxLength: 4, selector: (spec) => spec.tableId });

function snapshot(specs: readonly TableSpec[], lock?: LockedColumns): RepoSnapshot {
  const schemas = { bootstrap: [], org: specs, views: [] };
  return {
    schemasDir: "schemas",
    lockFile: "schemas/schema.lock.json",
    schemas,
    lock: lock ?? extendLock({}, schemas).lock,
    orgs: [],
    stacks: [],
    problems: [],
  };
}

function judge(base: RepoSnapshot, head: RepoSnapshot) {
  return judgeSchemas(head, { ref: "base", snapshot: base }, EMPTY_ALLOWLIST);
}

test("any NULLABLE or REPEATED column added to any table, and locked, passes", () => {
  fc.assert(
    fc.property(tables, fc.nat(), column, fc.constantFrom("NULLABLE" as const, "REPEATED" as const), (specs, pick, added, mode) => {
      const target = specs[pick % specs.length]!;
      fc.pre(!target.columns.some((existing) => columnKey(existing.name) === columnKey(added.name)));
      const nullable: Column = { ...added, mode, ...(added.fields ? { fields: added.fields.map((field) => ({ ...field, mode: field.mode === "REQUIRED" ? "NULLABLE" : field.mode })) } : {}) };
      const base = snapshot(specs);
      const headSpecs = specs.map((spec) => (spec === target ? { ...spec, columns: [...spec.columns, nullable] } : spec));
      const head = snapshot(headSpecs, extendLock(base.lock, { bootstrap: [], org: headSpecs, views: [] }).lock);
      const judgement = judge(base, head);
      assert.deepEqual(judgement.violations, [], JSON.stringify(judgement.violations, null, 2));
      assert.equal(judgement.passed, true);
      const withoutBase = judgeSchemas(head, undefined, EMPTY_ALLOWLIST);
      assert.equal(withoutBase.passed, true);
    }),
  );
});

test("the same column added without its lock entry fails with SG201 only", () => {
  fc.assert(
    fc.property(tables, fc.nat(), scalar, (specs, pick, added) => {
      const target = specs[pick % specs.length]!;
      fc.pre(!target.columns.some((existing) => columnKey(existing.name) === columnKey(added.name)));
      const base = snapshot(specs);
      const head = snapshot(
        specs.map((spec) => (spec === target ? { ...spec, columns: [...spec.columns, { ...added, mode: "NULLABLE" }] } : spec)),
        base.lock,
      );
      const codes = judge(base, head).violations.map((violation) => violation.code);
      assert.deepEqual(codes, ["SG201"]);
    }),
  );
});

/** The lock without one column or nested field. */
function withoutPath(lock: LockedColumns, key: string, path: string): LockedColumns {
  const drop = (columns: readonly Column[], prefix: string): Column[] =>
    columns
      .filter((column) => columnKey(prefix + column.name) !== columnKey(path))
      .map((column) => (column.fields ? { ...column, fields: drop(column.fields, `${prefix}${column.name}.`) } : column));
  return { ...lock, [key]: drop(lock[key] ?? [], "") };
}

test("any column or nested field removed from the lock fails", () => {
  fc.assert(
    fc.property(tables, fc.nat(), fc.nat(), (specs, pickTable, pickPath) => {
      const target = specs[pickTable % specs.length]!;
      const paths = flattenColumns(target.columns).map((field) => field.path);
      const path = paths[pickPath % paths.length]!;
      const base = snapshot(specs);
      const key = lockKey(target.dir, target.tableId);
      const head = snapshot(specs, withoutPath(base.lock, key, path));
      const judgement = judge(base, head);
      assert.equal(judgement.passed, false);
      const removed = judgement.violations.find((violation) => violation.code === "SG202" && violation.subject === key);
      assert.ok(removed, JSON.stringify(judgement.violations));
      assert.ok(removed.details.some((detail) => detail.startsWith(`${path} `)), removed.details.join("\n"));
    }),
  );
});

test("any table removed fails, with or without its lock entry, with or without a base", () => {
  fc.assert(
    fc.property(tables, fc.nat(), fc.boolean(), (specs, pick, dropLock) => {
      const target = specs[pick % specs.length]!;
      const key = lockKey(target.dir, target.tableId);
      const base = snapshot(specs);
      const lock = dropLock ? Object.fromEntries(Object.entries(base.lock).filter(([entry]) => entry !== key)) : base.lock;
      const head = snapshot(specs.filter((spec) => spec !== target), lock);
      const judgement = judge(base, head);
      assert.equal(judgement.passed, false);
      assert.ok(judgement.violations.some((violation) => violation.code === "SG220" && violation.subject === key));
      if (dropLock) assert.ok(judgement.violations.some((violation) => violation.code === "SG202" && violation.subject === key));
      else assert.equal(judgeSchemas(head, undefined, EMPTY_ALLOWLIST).passed, false);
    }),
  );
});

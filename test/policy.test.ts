import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { PolicyResourceOptions, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { POLICIES } from "../policy/policies";
import { DATASET_TYPE, TABLE_TYPE, deleteContentsViolations, deletionProtectionViolations, isView, unprotectedViolations } from "../policy/rules";

const protectedDataset = { type: DATASET_TYPE, props: { datasetId: "acme_prod", deleteContentsOnDestroy: false }, protect: true };
const protectedTable = { type: TABLE_TYPE, props: { tableId: "usage", deletionProtection: true, schema: "[]" }, protect: true };
const materializedView = { type: TABLE_TYPE, props: { tableId: "x_stats", deletionProtection: false, materializedView: { query: "SELECT 1" } }, protect: false };
const logicalView = { type: TABLE_TYPE, props: { tableId: "x_logs", view: { query: "SELECT 1", useLegacySql: false } }, protect: false };

describe("policy rules", () => {
  test("the program's own resources comply", () => {
    for (const resource of [protectedDataset, protectedTable, materializedView, logicalView]) {
      assert.deepEqual([...unprotectedViolations(resource), ...deletionProtectionViolations(resource), ...deleteContentsViolations(resource)], []);
    }
  });

  test("an unprotected dataset or base table is a violation; an unprotected view is not", () => {
    assert.match(unprotectedViolations({ ...protectedDataset, protect: false })[0] ?? "", /dataset is registered without `protect: true`/);
    assert.match(unprotectedViolations({ ...protectedTable, protect: false })[0] ?? "", /base table is registered without/);
    assert.equal(isView(materializedView), true);
    assert.equal(isView({ ...materializedView, props: { ...materializedView.props, materializedView: null } }), false);
  });

  test("a base table without deletionProtection: true is a violation, whether false or absent", () => {
    assert.match(deletionProtectionViolations({ ...protectedTable, props: { deletionProtection: false } })[0] ?? "", /deletionProtection is false/);
    assert.match(deletionProtectionViolations({ ...protectedTable, props: {} })[0] ?? "", /deletionProtection is not set/);
    assert.deepEqual(deletionProtectionViolations(protectedDataset), []);
  });

  test("a dataset with deleteContentsOnDestroy: true is a violation", () => {
    assert.equal(deleteContentsViolations({ ...protectedDataset, props: { deleteContentsOnDestroy: true } }).length, 1);
    assert.deepEqual(deleteContentsViolations({ ...protectedTable, props: { deleteContentsOnDestroy: true } }), []);
  });

  test("other resource types are not judged", () => {
    const bucket = { type: "gcp:storage/bucket:Bucket", props: { deleteContentsOnDestroy: true }, protect: false };
    assert.deepEqual([...unprotectedViolations(bucket), ...deletionProtectionViolations(bucket), ...deleteContentsViolations(bucket)], []);
  });
});

function fakeArgs(type: string, props: Record<string, unknown>, protect: boolean): ResourceValidationArgs {
  const opts: PolicyResourceOptions = {
    protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
  return {
    type,
    props,
    urn: `urn:pulumi:dev::cloudact-bigquery::${type}::x`,
    name: "x",
    opts,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: (reason?: string): never => {
      throw new Error(reason ?? "not applicable");
    },
  };
}

async function run(validation: ResourceValidation | ResourceValidation[] | undefined, args: ResourceValidationArgs): Promise<string[]> {
  const messages: string[] = [];
  for (const validate of [validation ?? []].flat()) await validate(args, (message) => void messages.push(message));
  return messages;
}

describe("policy pack wiring", () => {
  test("each policy reports its rule's violations through reportViolation", async () => {
    const byName = new Map(POLICIES.map((policy) => [policy.name, policy]));
    const unprotected = await run(byName.get("bigquery-resource-protected")?.validateResource, fakeArgs(TABLE_TYPE, { deletionProtection: true }, false));
    assert.equal(unprotected.length, 1);
    const noDeletionProtection = await run(byName.get("bigquery-table-deletion-protection")?.validateResource, fakeArgs(TABLE_TYPE, {}, true));
    assert.equal(noDeletionProtection.length, 1);
    const deletesContents = await run(byName.get("bigquery-dataset-keeps-contents")?.validateResource, fakeArgs(DATASET_TYPE, { deleteContentsOnDestroy: true }, true));
    assert.equal(deletesContents.length, 1);
    for (const policy of POLICIES) assert.deepEqual(await run(policy.validateResource, fakeArgs(TABLE_TYPE, protectedTable.props, true)), []);
  });
});

/** The org API key provider's logic against a fake BigQuery client: issue, rotate, revoke, never leak. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  API_KEY_PREFIX,
  changedApiKeyProperties,
  createApiKey,
  issueKey,
  KEY_PREFIX_LENGTH,
  updateApiKey,
  type ApiKeyDeps,
  type ApiKeyInputs,
} from "../src/metadata/api-key";
import { apiKeyProvider, metadataRowProvider } from "../src/metadata/providers";
import { FakeBigQuery, statementText } from "./helpers/fake-bigquery";

const inputs: ApiKeyInputs = {
  project: "cloudact-testing-1",
  location: "US",
  dataset: "organizations",
  table: "org_api_keys",
  orgSlug: "acme_corp",
  keyName: "acme_corp org key",
  keyVersion: 1,
  scopes: ["integrations", "pipelines", "data_access"],
};
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function deps(): ApiKeyDeps & { client: FakeBigQuery } {
  let next = 0;
  return { client: new FakeBigQuery(), randomBytes: (size) => randomBytes(size), sha256Hex, uuid: () => `key-${++next}` };
}

test("a key is 256 random bits; its prefix is its start and its hash the SHA-256 of the whole key", () => {
  const fixed = issueKey({ randomBytes: (size) => Buffer.alloc(size, 0xab), sha256Hex });
  assert.equal(fixed.apiKey, API_KEY_PREFIX + Buffer.alloc(32, 0xab).toString("base64url"));
  assert.equal(fixed.keyPrefix, fixed.apiKey.slice(0, KEY_PREFIX_LENGTH));
  assert.equal(fixed.keyHash, sha256Hex(fixed.apiKey));
  assert.match(fixed.keyHash, /^[0-9a-f]{64}$/);
  const real = issueKey({ randomBytes, sha256Hex });
  assert.equal(real.apiKey.length, API_KEY_PREFIX.length + 43);
  assert.notEqual(real.apiKey, issueKey({ randomBytes, sha256Hex }).apiKey);
});

test("create stores only the hash and prefix, with scopes, and returns the key once", async () => {
  const d = deps();
  const { id, outs } = await createApiKey(d, inputs);
  assert.equal(id, "organizations.org_api_keys/acme_corp");
  assert.equal(d.client.statements.length, 1);
  const [statement] = d.client.statements;
  assert.ok(statement);
  assert.match(statement.query, /^MERGE `cloudact-testing-1`\.`organizations`\.`org_api_keys` AS target/);
  assert.match(statement.query, /WHEN NOT MATCHED THEN INSERT/);
  assert.doesNotMatch(statement.query, /WHEN MATCHED/);
  assert.equal(statement.params.key_hash, sha256Hex(outs.apiKey));
  assert.equal(statement.params.key_prefix, outs.apiKey.slice(0, KEY_PREFIX_LENGTH));
  assert.deepEqual(statement.params.scopes, inputs.scopes);
  assert.deepEqual(statement.types.scopes, ["STRING"]);
  assert.equal(statement.params.key_version, 1);
  assert.equal(statement.params.is_active, true);
  assert.ok(!statementText(d.client.statements).includes(outs.apiKey), "the key itself never reaches BigQuery");
  assert.equal(outs.keyId, "key-1");
});

test("an unchanged key diffs clean, and its update writes nothing and keeps the key", async () => {
  const d = deps();
  const { outs } = await createApiKey(d, inputs);
  assert.deepEqual(await apiKeyProvider.diff?.("id", outs, inputs), { changes: false, replaces: [] });
  const updated = await updateApiKey(d, outs, inputs);
  assert.equal(d.client.statements.length, 1);
  assert.equal(updated.outs.apiKey, outs.apiKey);
  assert.equal(updated.outs.keyId, outs.keyId);
});

test("raising key_version adds the new key row and revokes the old one in one transaction; nothing is deleted", async () => {
  const d = deps();
  const { outs } = await createApiKey(d, inputs);
  const next = { ...inputs, keyVersion: 2 };
  assert.deepEqual(changedApiKeyProperties(outs, next), ["keyVersion"]);
  assert.deepEqual(await apiKeyProvider.diff?.("id", outs, next), { changes: true, replaces: [] });
  const rotated = await updateApiKey(d, outs, next);
  const statement = d.client.statements[1];
  assert.ok(statement);
  assert.match(statement.query, /^BEGIN TRANSACTION;/);
  assert.match(statement.query, /WHEN MATCHED AND target\.`is_active` THEN UPDATE SET `is_active` = source\.`is_active`.*`revoked_at` = CURRENT_TIMESTAMP\(\)/);
  assert.equal(statement.params.old_key_id, outs.keyId);
  assert.equal(statement.params.old_is_active, false);
  assert.equal(statement.params.new_key_version, 2);
  assert.equal(statement.params.new_key_hash, sha256Hex(rotated.outs.apiKey));
  assert.notEqual(rotated.outs.apiKey, outs.apiKey);
  assert.notEqual(rotated.outs.keyId, outs.keyId);
  assert.doesNotMatch(statementText(d.client.statements), /DELETE/i);
  for (const key of [outs.apiKey, rotated.outs.apiKey]) assert.ok(!statementText(d.client.statements).includes(key));
});

test("a scope change updates the active row in place; key_version never goes down", async () => {
  const d = deps();
  const { outs } = await createApiKey(d, { ...inputs, keyVersion: 3 });
  const narrowed = { ...inputs, keyVersion: 3, scopes: ["pipelines"] };
  const updated = await updateApiKey(d, outs, narrowed);
  const statement = d.client.statements[1];
  assert.ok(statement);
  assert.deepEqual(statement.params.scopes, ["pipelines"]);
  assert.equal(statement.params.key_id, outs.keyId);
  assert.doesNotMatch(statement.query, /WHEN NOT MATCHED/);
  assert.equal(updated.outs.apiKey, outs.apiKey);
  await assert.rejects(updateApiKey(d, outs, { ...inputs, keyVersion: 2 }), /only ever increases/);
});

test("delete is a no-op: key rows are retained", async () => {
  const d = deps();
  const { outs } = await createApiKey(d, inputs);
  await apiKeyProvider.delete?.("organizations.org_api_keys/acme_corp", outs);
  assert.equal(d.client.statements.length, 1);
});

test("the key and audit columns written exist in the schema files with the parameter types used", () => {
  const schema = (table: string) =>
    new Map((JSON.parse(readFileSync(join(__dirname, "..", "schemas", "bootstrap", `${table}.json`), "utf8")) as { name: string; type: string; mode?: string }[]).map((column) => [column.name, column]));
  const keys = schema("org_api_keys");
  for (const [column, type] of Object.entries({ key_id: "STRING", key_hash: "STRING", key_prefix: "STRING", key_version: "INTEGER", is_active: "BOOLEAN", revoked_at: "TIMESTAMP", revocation_reason: "STRING" })) {
    assert.equal(keys.get(column)?.type, type, column);
  }
  assert.equal(keys.get("scopes")?.mode, "REPEATED");
  const audit = schema("org_audit_logs");
  for (const column of ["audit_id", "org_slug", "action", "resource_type", "resource_id", "details", "before_state", "after_state", "created_at"]) assert.ok(audit.has(column), column);
  assert.equal(audit.get("after_state")?.type, "JSON");
});

test("both providers serialize the way Pulumi stores them, requiring the BigQuery client only when they run", async () => {
  for (const provider of [metadataRowProvider, apiKeyProvider]) {
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    assert.match(serialized.text, /require\("@google-cloud\/bigquery"\)/);
    assert.doesNotMatch(serialized.text, /zod|@pulumi\/gcp/);
    assert.ok(serialized.text.length < 200_000, `closure of ${serialized.text.length} characters`);
  }
});

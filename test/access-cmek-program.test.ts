/** The prod stack (CMEK on) under Pulumi's mocks: key ring, key, BigQuery's grant and the central dataset's default key. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readStackFile } from "../src/config/stack-files";
import { runUnderMocks } from "../src/plan/mock-runtime";
import { buildInventory } from "../src/plan/inventory";

const root = join(__dirname, "..");
const stackFile = readStackFile(root, "prod", root);
if (!stackFile.ok) throw new Error("Pulumi.prod.yaml must load");

test("CMEK: a protected, retained key ring and key in the dataset's location, usable by BigQuery, default key of the central dataset", async () => {
  const registrations = await runUnderMocks({ program: join(root, "index.ts"), project: "cloudact-bigquery", stack: "prod", config: stackFile.stackFile.config });
  const ring = registrations.find((registration) => registration.type === "gcp:kms/keyRing:KeyRing");
  const key = registrations.find((registration) => registration.type === "gcp:kms/cryptoKey:CryptoKey");
  const grant = registrations.find((registration) => registration.type === "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
  assert.ok(ring && key && grant);
  for (const resource of [ring, key]) {
    assert.equal(resource.protect, true, resource.name);
    assert.equal(resource.retainOnDelete, true, resource.name);
  }
  assert.equal(ring.inputs.location, "us");
  assert.equal(ring.inputs.project, "cloudact-prod");
  assert.equal(key.inputs.keyRing, `${ring.name}-id`);
  assert.equal(grant.inputs.role, "roles/cloudkms.cryptoKeyEncrypterDecrypter");
  assert.equal(grant.inputs.cryptoKeyId, `${key.name}-id`);
  const central = buildInventory("prod", registrations).datasets.find((dataset) => dataset.role === "bootstrap");
  assert.equal(central?.kmsKeyName, `${key.name}-id`);
  const centralRegistration = registrations.find((registration) => registration.type === "gcp:bigquery/dataset:Dataset" && registration.name === "organizations");
  assert.ok(centralRegistration?.dependsOn.some((urn) => urn.endsWith(`::${grant.name}`)), "the dataset waits for BigQuery's grant on the key");
  const orgDataset = registrations.find((registration) => registration.type === "gcp:bigquery/dataset:Dataset" && registration.name !== "organizations");
  assert.equal(orgDataset?.inputs.defaultEncryptionConfiguration, undefined, "only the central dataset is CMEK-encrypted");
});

/** Access settings (deployer, API service account, CMEK) and the access lists built from them. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { centralAccess, orgAccess } from "../src/access/dataset-access";
import { missingAccessSettings } from "../src/access/required";
import { kmsLocation, stackSettingsSchema } from "../src/config/settings";
import { formatProblem } from "../src/diagnostics/problem";
import { loadStack, projectPaths } from "../src/project/load";
import type { Model, OrgModel } from "../src/model/types";
import { orgEntry } from "./helpers/orgs";

const root = join(__dirname, "..");

/** A copy of the project's stack files with extra lines in Pulumi.dev.yaml, read with the real orgs and schemas. */
function loadDev(extraLines: string) {
  const dir = mkdtempSync(join(tmpdir(), "cloudact-access-"));
  copyFileSync(join(root, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  copyFileSync(join(root, "Pulumi.prod.yaml"), join(dir, "Pulumi.prod.yaml"));
  writeFileSync(join(dir, "Pulumi.dev.yaml"), readFileSync(join(root, "Pulumi.dev.yaml"), "utf8") + extraLines);
  return loadStack(projectPaths(dir, dir, { orgs: join(root, "orgs"), schemas: join(root, "schemas") }), "dev");
}

function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((line) => line.includes(needle)) + 1;
}

test("a malformed deployer or API service account is reported at its line of Pulumi.dev.yaml", () => {
  const base = readFileSync(join(root, "Pulumi.dev.yaml"), "utf8").replace(/\s*cloudact-bigquery:(deployer|apiServiceAccount):.*\n/g, "\n");
  const dir = mkdtempSync(join(tmpdir(), "cloudact-access-"));
  copyFileSync(join(root, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  copyFileSync(join(root, "Pulumi.prod.yaml"), join(dir, "Pulumi.prod.yaml"));
  const text = `${base.trimEnd()}\n  cloudact-bigquery:deployer: deployer@example.com\n  cloudact-bigquery:apiServiceAccount: user:api@example.com\n`;
  writeFileSync(join(dir, "Pulumi.dev.yaml"), text);
  const loaded = loadStack(projectPaths(dir, dir, { orgs: join(root, "orgs"), schemas: join(root, "schemas") }), "dev");
  assert.equal(loaded.ok, false);
  const messages = loaded.ok ? [] : loaded.problems.map(formatProblem);
  assert.ok(
    messages.includes(`Pulumi.dev.yaml:${lineOf(text, "deployer:")}: cloudact-bigquery:deployer: must be a user:, serviceAccount: or group: principal`),
    messages.join("\n"),
  );
  assert.ok(
    messages.includes(`Pulumi.dev.yaml:${lineOf(text, "apiServiceAccount:")}: cloudact-bigquery:apiServiceAccount: must be serviceAccount:<name>@<project>.iam.gserviceaccount.com`),
    messages.join("\n"),
  );
});

test("a CMEK location other than the dataset's is refused; it defaults to the dataset's, lowercased", () => {
  const loaded = loadDev("  cloudact-bigquery:kms:\n    enabled: true\n    location: europe-west3\n");
  assert.equal(loaded.ok, false);
  const messages = loaded.ok ? "" : loaded.problems.map(formatProblem).join("\n");
  assert.match(messages, /Pulumi\.dev\.yaml:\d+: cloudact-bigquery:kms\.location: must be the BigQuery location, lowercased/);
  const settings = stackSettingsSchema.parse({ project: "cloudact-testing-1", location: "EU", kms: { enabled: true } });
  assert.equal(kmsLocation(settings), "eu");
  assert.equal(settings.kms.keyRing, "cloudact-bigquery");
});

test("the dev and prod stacks name their deployer and API service account; prod turns CMEK on", () => {
  for (const stack of ["dev", "prod"]) {
    const loaded = loadStack(projectPaths(root, root), stack);
    assert.ok(loaded.ok, stack);
    assert.deepEqual(missingAccessSettings(loaded.settings), [], stack);
    assert.equal(loaded.settings.kms.enabled, stack === "prod");
  }
  assert.deepEqual(
    missingAccessSettings(stackSettingsSchema.parse({ project: "cloudact-testing-1" })).map((issue) => issue.key),
    ["cloudact-bigquery:deployer", "cloudact-bigquery:apiServiceAccount"],
  );
});

const settings = stackSettingsSchema.parse({
  project: "cloudact-testing-1",
  deployer: "serviceAccount:cloudact-deployer@cloudact-testing-1.iam.gserviceaccount.com",
  apiServiceAccount: "serviceAccount:cloudact-api@cloudact-testing-1.iam.gserviceaccount.com",
});
function org(slug: string, readers: string[]): OrgModel {
  return { slug, datasetId: `${slug}_prod`, entry: orgEntry(slug, { readers }) };
}

test("an org dataset: deployer OWNER, API WRITER, its own readers READER, one entry per principal", () => {
  const access = orgAccess(settings, org("alpha_co", ["group:Analysts@Alpha.example", "user:ANA@alpha.example", "group:analysts@alpha.example", "serviceAccount:cloudact-api@cloudact-testing-1.iam.gserviceaccount.com"]));
  assert.deepEqual(access, [
    { role: "OWNER", principal: "serviceAccount:cloudact-deployer@cloudact-testing-1.iam.gserviceaccount.com" },
    { role: "WRITER", principal: "serviceAccount:cloudact-api@cloudact-testing-1.iam.gserviceaccount.com" },
    { role: "READER", principal: "group:analysts@alpha.example" },
    { role: "READER", principal: "user:ana@alpha.example" },
  ]);
});

test("the central dataset: no org reader, and every org dataset of the stack authorized for its views", () => {
  const orgs = [org("alpha_co", ["group:a@alpha.example"]), org("beta_co", ["user:b@beta.example"])];
  const model = { settings, orgs } as unknown as Model;
  assert.deepEqual(centralAccess(model), [
    { role: "OWNER", principal: "serviceAccount:cloudact-deployer@cloudact-testing-1.iam.gserviceaccount.com" },
    { role: "WRITER", principal: "serviceAccount:cloudact-api@cloudact-testing-1.iam.gserviceaccount.com" },
    { authorizedDataset: { projectId: "cloudact-testing-1", datasetId: "alpha_co_prod" }, targetTypes: ["VIEWS"] },
    { authorizedDataset: { projectId: "cloudact-testing-1", datasetId: "beta_co_prod" }, targetTypes: ["VIEWS"] },
  ]);
});

/** Pulumi.yaml's typed defaults and the settings schema's defaults must agree: one stack, one meaning. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseStackSettings } from "../src/config/settings";
import { readStackFile } from "../src/config/stack-files";

const root = join(__dirname, "..");

test("every default declared in Pulumi.yaml equals the settings schema's own default", () => {
  const file = readStackFile(root, "dev", root);
  assert.ok(file.ok);
  const withProjectDefaults = parseStackSettings({ "gcp:project": "cloudact-testing-1", ...pick(file.stackFile.config, /^cloudact-bigquery:(location|datasetSuffix|viewMode|role|resourceBudget)$/) });
  const schemaOnly = parseStackSettings({ "gcp:project": "cloudact-testing-1" });
  assert.ok(withProjectDefaults.ok && schemaOnly.ok);
  for (const key of ["datasetSuffix", "role", "resourceBudget"] as const) {
    assert.deepEqual(withProjectDefaults.settings[key], schemaOnly.settings[key], key);
  }
});

function pick(config: Readonly<Record<string, string>>, pattern: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => pattern.test(key)));
}

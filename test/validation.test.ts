import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { formatProblem, type Problem } from "../src/diagnostics/problem";
import { loadRegistry, parseOrgEntry } from "../src/registry/load";
import { loadSchemas } from "../src/schemas/load";
import { parseYaml, MAX_YAML_BYTES } from "../src/yaml/load";
import { parseColumnsFile } from "../src/schemas/columns-file";

const root = join(__dirname, "..");
const broken = join(__dirname, "fixtures", "broken");
const registry = loadRegistry(join(broken, "orgs"), { knownEnvironments: ["dev", "prod"], cwd: root });
const schemas = loadSchemas(join(broken, "schemas"), root);

function problemsOf(problems: readonly Problem[], file: string): string[] {
  return problems.filter((problem) => problem.file.endsWith(file)).map(formatProblem);
}

function assertProblem(problems: readonly Problem[], file: string, pattern: RegExp): void {
  const lines = problemsOf(problems, file);
  assert.ok(lines.some((line) => pattern.test(line)), `expected ${pattern} for ${file}, got:\n${lines.join("\n") || "(nothing)"}`);
}

test("every registry problem is located as path:line: field: message", () => {
  for (const problem of [...registry.problems, ...schemas.problems]) {
    assert.match(formatProblem(problem), /^[^:]+:\d+: [^:]+: .+/);
    assert.ok(problem.line >= 1);
  }
});

test("wrong types, bad email, unknown plan, bad currency, timezone, month and locale are each reported", () => {
  const file = "bad_types.yaml";
  assertProblem(registry.problems, file, /:2: company_name: .*expected string/);
  assertProblem(registry.problems, file, /:3: admin_email: must be an email address/);
  assertProblem(registry.problems, file, /:4: subscription_plan: must be one of: starter/);
  assertProblem(registry.problems, file, /:5: default_currency: must be an ISO 4217/);
  assertProblem(registry.problems, file, /:6: default_timezone: must be an IANA time zone/);
  assertProblem(registry.problems, file, /:7: fiscal_year_start_month: must be between 1 and 12/);
  assertProblem(registry.problems, file, /:8: locale: must be a BCP 47/);
});

test("unknown keys, broken YAML, invalid and reserved slugs, and a slug that differs from the file name", () => {
  assertProblem(registry.problems, "unknown_key.yaml", /:8: billing_contact: unknown key/);
  assertProblem(registry.problems, "broken_yaml.yaml", /\(file\): invalid YAML/);
  assertProblem(registry.problems, "/a.yaml", /org_slug: must be 3-50 letters/);
  assertProblem(registry.problems, "organizations.yaml", /org_slug: is a reserved name/);
  assertProblem(registry.problems, "wrong_name.yaml", /must equal the file name "wrong_name"/);
});

test("slugs are unique ignoring case, and environments must be existing stacks", () => {
  assertProblem(registry.problems, "acme_corp.yaml", /clashes with "Acme_Corp"/);
  assertProblem(registry.problems, "acme_corp.yaml", /:7: environments\[1\]: no stack "staging"/);
});

test("an alias bomb is refused quickly instead of being expanded", () => {
  assertProblem(registry.problems, "alias_bomb.yaml", /refusing it/);
  const text = "a0: &a0 [1,1,1,1,1,1,1,1,1]\n" + Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(",")}]`).join("\n");
  assert.equal(parseYaml(text, "bomb.yaml").ok, false);
});

test("a very large file is refused before parsing", () => {
  const result = parseYaml("a: " + "x".repeat(MAX_YAML_BYTES + 1), "big.yaml");
  assert.equal(result.ok, false);
  assert.match(result.ok ? "" : result.problem.message, /larger than/);
});

test("invalid registry entries register nothing; valid ones pass untouched", () => {
  const slugs = registry.orgs.map((org) => org.entry.org_slug);
  assert.ok(!slugs.includes("bad_types"));
  assert.ok(!slugs.includes("other_name"));
  const ok = parseOrgEntry(
    "org_slug: good_org\ncompany_name: Good\nadmin_email: a@good.example\nsubscription_plan: starter\ndefault_currency: INR\ndefault_timezone: Asia/Kolkata\nfiscal_year_start_month: 4\nenvironments: [dev]\n",
    "orgs/good_org.yaml",
  );
  assert.ok(ok.ok);
  assert.equal(ok.ok && ok.entry.fiscal_year_start_month, 4);
  assert.equal(ok.ok && ok.entry.locale, "en-US");
});

test("schema files: unknown type and mode, duplicate and invalid names, empty RECORD, invalid JSON", () => {
  const file = "bootstrap/org_profiles.json";
  assertProblem(schemas.problems, file, /:4: amount.type: unknown BigQuery type "MONEY"/);
  assertProblem(schemas.problems, file, /:5: flag.mode: must be NULLABLE, REQUIRED or REPEATED/);
  assertProblem(schemas.problems, file, /:6: org_slug.name: is declared twice/);
  assertProblem(schemas.problems, file, /:7: 1bad.name: must start with a letter/);
  assertProblem(schemas.problems, file, /:8: rec.fields: a RECORD column needs a non-empty fields list/);
  assertProblem(schemas.problems, "org/broken_json.json", /:3: \(file\): invalid JSON/);
});

test("table options: missing schema file, partition and clustering columns that do not exist, too many clustering columns", () => {
  assertProblem(schemas.problems, "bootstrap/config.yml", /tables.org_missing: schema file .*org_missing.json not found/);
  assertProblem(schemas.problems, "bootstrap/config.yml", /:6: tables.org_events.time_partitioning: partition column "created_on"/);
  assertProblem(schemas.problems, "bootstrap/config.yml", /:7: tables.org_events.clustering: clustering column "region"/);
  assertProblem(schemas.problems, "bootstrap/config.yml", /tables.org_wide.clustering: BigQuery clusters by at most 4 columns/);
});

test("nesting deeper than 15 levels and over-long descriptions are refused", () => {
  let column: Record<string, unknown> = { name: "leaf", type: "STRING" };
  for (let depth = 0; depth < 16; depth++) column = { name: `level${depth}`, type: "RECORD", fields: [column] };
  const deep = parseColumnsFile(JSON.stringify([column], null, 2), "deep.json");
  assert.equal(deep.ok, false);
  assert.match(deep.ok ? "" : deep.problems.map(formatProblem).join("\n"), /nests deeper than 15 levels/);
  const long = parseColumnsFile(JSON.stringify([{ name: "a", type: "STRING", description: "x".repeat(1025) }]), "long.json");
  assert.match(long.ok ? "" : long.problems.map(formatProblem).join("\n"), /longer than 1024 characters/);
});

test("the repository's own registry and schemas are valid", () => {
  const own = loadRegistry(join(root, "orgs"), { knownEnvironments: ["dev", "prod"], cwd: root });
  assert.deepEqual(own.problems.map(formatProblem), []);
  assert.ok(own.orgs.length >= 3);
  const ownSchemas = loadSchemas(join(root, "schemas"), root);
  assert.deepEqual(ownSchemas.problems.map(formatProblem), []);
  assert.equal(ownSchemas.schemas.bootstrap.length, 20);
  assert.equal(ownSchemas.schemas.org.length, 20);
  assert.equal(ownSchemas.schemas.views.length, 4);
});

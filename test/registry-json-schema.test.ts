import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// ajv 6 (draft-07) is already in the tree through eslint; every keyword the schema uses means the
// same in draft-07 and 2020-12, so it checks the schema with a validator that is not zod.
import Ajv from "ajv";
import { load } from "js-yaml";
import { ORG_SCHEMA_FILE, ORG_SCHEMA_HEADER, orgJsonSchema, renderOrgJsonSchema } from "../src/registry/json-schema";
import { orgEntrySchema } from "../src/registry/org-entry";
import { EXIT_OK, EXIT_PROBLEM, memoryIo } from "../src/cli/io";
import { orgSchemaCommand } from "../src/cli/org-schema";

const ORGS = join(__dirname, "..", "orgs");

function editorValidator() {
  const { $schema: _ignored, ...schema } = orgJsonSchema();
  return new Ajv({ allErrors: true }).compile(schema);
}

test("the committed orgs/org.schema.json is the one the zod definition generates", () => {
  const committed = readFileSync(join(ORGS, ORG_SCHEMA_FILE), "utf8");
  assert.equal(committed, renderOrgJsonSchema(), "run `npx cloudact schema` and commit orgs/org.schema.json");
});

test("every example org file points editors at the schema and satisfies it", () => {
  const validate = editorValidator();
  const files = readdirSync(ORGS).filter((name) => name.endsWith(".yaml"));
  assert.ok(files.length > 0);
  for (const name of files) {
    const text = readFileSync(join(ORGS, name), "utf8");
    assert.equal(text.split("\n")[0], ORG_SCHEMA_HEADER, name);
    assert.ok(validate(load(text)), `${name}: ${JSON.stringify(validate.errors)}`);
  }
});

test("input side: fields with defaults are optional, the rest required, unknown keys refused", () => {
  const schema = orgJsonSchema() as { required: string[]; additionalProperties: boolean };
  assert.deepEqual(
    [...schema.required].sort(),
    ["admin_email", "company_name", "default_currency", "default_timezone", "environments", "org_slug", "subscription_plan"],
  );
  assert.equal(schema.additionalProperties, false);
});

test("the editor schema rejects what the registry rejects and is never stricter", () => {
  const validate = editorValidator();
  const base = {
    org_slug: "new_org",
    company_name: "New Org",
    admin_email: "admin@new-org.example",
    subscription_plan: "starter",
    default_currency: "EUR",
    default_timezone: "Europe/Paris",
    environments: ["dev"],
  };
  const rejectedByBoth: [string, Record<string, unknown>][] = [
    ["unknown plan", { ...base, subscription_plan: "gold" }],
    ["reserved slug, other case", { ...base, org_slug: "Organizations" }],
    ["slug too short", { ...base, org_slug: "ab" }],
    ["slug with a hyphen", { ...base, org_slug: "new-org" }],
    ["lowercase currency", { ...base, default_currency: "eur" }],
    ["bad email", { ...base, admin_email: "not-an-email" }],
    ["month 13", { ...base, fiscal_year_start_month: 13 }],
    ["repeated environment", { ...base, environments: ["dev", "dev"] }],
    ["no environment", { ...base, environments: [] }],
    ["unknown key", { ...base, plan: "starter" }],
    ["missing admin_email", { ...base, admin_email: undefined }],
    ["bad reader", { ...base, readers: ["alice@example.com"] }],
  ];
  for (const [label, doc] of rejectedByBoth) {
    const cleaned = JSON.parse(JSON.stringify(doc)) as unknown;
    assert.equal(orgEntrySchema.safeParse(cleaned).success, false, `zod accepts ${label}`);
    assert.equal(validate(cleaned), false, `the JSON Schema accepts ${label}`);
  }
  const acceptedByZod = [
    base,
    { ...base, org_slug: "Org_With_Caps", fiscal_year_start_month: 4, locale: "en-IN", status: "suspended", key_version: 3 },
    { ...base, readers: ["group:a@b.example", "serviceAccount:reader-sa@proj-123.iam.gserviceaccount.com", "domain:b.example"] },
  ];
  for (const doc of acceptedByZod) {
    assert.equal(orgEntrySchema.safeParse(doc).success, true, JSON.stringify(doc));
    assert.ok(validate(doc), `${JSON.stringify(doc)}: ${JSON.stringify(validate.errors)}`);
  }
});

test("cloudact schema writes the file, --check reports a stale one with exit 1", async () => {
  const dir = mkdtempSync(join(tmpdir(), "org-schema-"));
  try {
    const io = memoryIo({ cwd: dir });
    assert.equal(await orgSchemaCommand(["--orgs", ".", "--check"], io), EXIT_PROBLEM);
    assert.match(io.out.join(""), /org\.schema\.json:1: \(file\): missing; run `npx cloudact schema`/);
    assert.equal(await orgSchemaCommand(["--orgs", "."], io), EXIT_OK);
    assert.equal(readFileSync(join(dir, ORG_SCHEMA_FILE), "utf8"), renderOrgJsonSchema());
    assert.equal(await orgSchemaCommand(["--orgs", ".", "--check"], io), EXIT_OK);
    writeFileSync(join(dir, ORG_SCHEMA_FILE), "{}\n");
    const stale = memoryIo({ cwd: dir });
    assert.equal(await orgSchemaCommand(["--orgs", ".", "--check"], stale), EXIT_PROBLEM);
    assert.match(stale.out.join(""), /differs from src\/registry\/org-entry\.ts/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

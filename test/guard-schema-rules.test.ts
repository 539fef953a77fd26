import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { stackSettingsSchema } from "../src/config/settings";
import { judgeChanges, judgeRenames, judgeRequiredAdded, type ColumnFindings } from "../src/guard/schema/column-rules";
import { judgeRegistry } from "../src/guard/schema/registry-rules";
import type { StackSnapshot } from "../src/guard/schema/snapshot";
import { viewUrn } from "../src/guard/schema/view-rules";
import type { Column } from "../src/model/columns";
import type { RegisteredOrg } from "../src/registry/load";
import { registeredOrg } from "./helpers/orgs";

const record = (name: string, fields: Column[], mode: Column["mode"] = "NULLABLE"): Column => ({ name, type: "STRUCT", mode, fields });
const col = (name: string, type: Column["type"] = "STRING", mode: Column["mode"] = "NULLABLE"): Column => ({ name, type, mode });

function run(judge: (findings: ColumnFindings) => void): Record<string, string[]> {
  const findings: ColumnFindings = new Map();
  judge(findings);
  return Object.fromEntries(findings);
}

describe("column rules", () => {
  test("a nested type change is named by its path; letter case and aliases are not changes", () => {
    const before = [record("credits", [col("amount", "FLOAT64")])];
    assert.deepEqual(run((f) => judgeChanges(before, [record("CREDITS", [col("Amount", "FLOAT64")])], "base", f)), {});
    assert.deepEqual(run((f) => judgeChanges(before, [record("credits", [col("amount", "NUMERIC")])], "base", f)), {
      SG210: ["credits.amount: FLOAT64 -> NUMERIC (vs base)"],
    });
  });

  test("only REQUIRED -> NULLABLE is a safe mode change", () => {
    assert.deepEqual(run((f) => judgeChanges([col("a", "STRING", "REQUIRED")], [col("a")], "lock", f)), {});
    assert.deepEqual(run((f) => judgeChanges([col("a", "STRING", "REPEATED")], [col("a")], "lock", f)), { SG211: ["a: REPEATED -> NULLABLE (vs lock)"] });
  });

  test("REQUIRED additions are judged at every depth, NULLABLE and REPEATED ones are not", () => {
    const existing = [col("a"), record("r", [col("x")])];
    const after = [...existing.slice(0, 1), record("r", [col("x"), col("y", "STRING", "REQUIRED")]), col("b", "INT64", "REPEATED"), col("c", "DATE", "REQUIRED")];
    assert.deepEqual(run((f) => judgeRequiredAdded(existing, after, "base", f)), { SG212: ["r.y: REQUIRED (not in base)", "c: REQUIRED (not in base)"] });
  });

  test("a rename is a column gone and one added at the same level; fields of an added RECORD are not counted again", () => {
    const before = [col("a"), record("r", [col("x"), col("y")])];
    const after = [col("a"), record("r", [col("x"), col("z")]), record("s", [col("q")])];
    assert.deepEqual(run((f) => judgeRenames(before, after, before, "base", f)), { SG213: ["r.y gone, r.z added (vs base)"] });
    const topLevel = [record("s", [col("q")])];
    assert.deepEqual(run((f) => judgeRenames([col("a")], topLevel, [col("a")], "base", f)), { SG213: ["a gone, s added (vs base)"] });
  });

  test("a gone column alone, or an added column alone, is not a rename", () => {
    assert.deepEqual(run((f) => judgeRenames([col("a"), col("b")], [col("a")], [col("a"), col("b")], "base", f)), {});
    assert.deepEqual(run((f) => judgeRenames([col("a")], [col("a"), col("b")], [col("a")], "base", f)), {});
  });
});

describe("registry rules", () => {
  const stack = (name: string, suffix: string, location = "US"): StackSnapshot => ({
    stack: name,
    file: `Pulumi.${name}.yaml`,
    settings: stackSettingsSchema.parse({ project: "cloudact-test", location, datasetSuffix: suffix }),
  });
  const org = (slug: string, environments: string[]): RegisteredOrg => registeredOrg(slug, { environments });

  test("a slug whose case changes makes its dataset disappear", () => {
    const findings = judgeRegistry({ orgs: [org("acme", ["dev"])], stacks: [stack("dev", "dev")] }, { orgs: [org("ACME", ["dev"])], stacks: [stack("dev", "dev")] }, "main");
    assert.deepEqual(findings.map((finding) => [finding.code, finding.subject]), [["SG231", "dev: acme_dev"]]);
    assert.match(findings[0]?.details[0] ?? "", /org_slug changed from "acme" to "ACME"/);
  });

  test("a location that only changes letter case is not a change; adding orgs and stacks is fine", () => {
    const base = { orgs: [org("acme", ["dev"])], stacks: [stack("dev", "dev", "EU")] };
    const head = { orgs: [org("acme", ["dev", "prod"]), org("beta", ["prod"])], stacks: [stack("dev", "dev", "eu"), stack("prod", "prod")] };
    assert.deepEqual(judgeRegistry(base, head, "main"), []);
  });
});

test("view URNs have the shape the plan guard's allowlist documents", () => {
  const documented = /urn: "(urn:pulumi:[^"]+)"/.exec(readFileSync(join(__dirname, "..", "guard-allowlist.yaml"), "utf8"))?.[1];
  assert.equal(viewUrn("prod", "acme_corp_prod", "x_notification_stats"), documented);
});

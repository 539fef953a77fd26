/** Splitting an environment into shard stacks: a move is not a removal, but it needs a recorded state move. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { stackSettingsSchema, type StackSettings } from "../src/config/settings";
import { parseAllowlist } from "../src/guard/allowlist";
import { judgeRegistry } from "../src/guard/schema/registry-rules";
import type { StackSnapshot } from "../src/guard/schema/snapshot";
import type { RegisteredOrg } from "../src/registry/load";
import { registeredOrg } from "./helpers/orgs";

function org(slug: string, shard: number): RegisteredOrg {
  return registeredOrg(slug, { shard, environments: ["prod"] });
}

function stack(name: string, settings: Partial<StackSettings>): StackSnapshot {
  return { stack: name, file: `Pulumi.${name}.yaml`, settings: stackSettingsSchema.parse({ project: "cloudact-prod", environment: "prod", ...settings }) };
}

const orgs = [org("acme_corp", 1), org("globex", 0)];
const single = { orgs, stacks: [stack("prod", { role: "all" })] };
const split = {
  orgs,
  stacks: [
    stack("prod", { role: "bootstrap" }),
    stack("prod-orgs-0", { role: "orgs", shard: 0, bootstrapStack: "prod" }),
    stack("prod-orgs-1", { role: "orgs", shard: 1, bootstrapStack: "prod" }),
  ],
};

test("a split without recorded state moves is rejected per moved dataset, not as a removal", () => {
  const findings = judgeRegistry(single, split, "main");
  assert.deepEqual(findings.map((finding) => `${finding.code} ${finding.subject}`).sort(), [
    "SG234 acme_corp_prod: prod -> prod-orgs-1",
    "SG234 globex_prod: prod -> prod-orgs-0",
  ]);
});

test("recorded moves let the split pass; a shard stack dropping an org is still a removal", () => {
  const allowlist = parseAllowlist(
    [
      "allow: []",
      "moves:",
      "  - { dataset: acme_corp_prod, from: prod, to: prod-orgs-1, reason: pulumi state move done in change 42 }",
      "  - { dataset: globex_prod, from: prod, to: prod-orgs-0, reason: pulumi state move done in change 42 }",
    ].join("\n"),
    "guard-allowlist.yaml",
  );
  assert.deepEqual(judgeRegistry(single, split, "main", allowlist.moves), []);
  const dropped = { ...split, stacks: split.stacks.filter((candidate) => candidate.stack !== "prod-orgs-0") };
  const findings = judgeRegistry(split, dropped, "main", allowlist.moves).map((finding) => finding.code);
  assert.ok(findings.includes("SG232"));
});

test("a move entry without a reason is refused", () => {
  assert.throws(() => parseAllowlist("moves:\n  - { dataset: a_prod, from: prod, to: prod-orgs-0 }\n", "guard-allowlist.yaml"), /moves\[0\]\.reason/);
});

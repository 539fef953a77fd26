import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, memoryIo } from "../src/cli/io";
import { main } from "../src/cli/main";
import { onboardCommand } from "../src/cli/onboard";
import { validateCommand } from "../src/cli/validate";
import { ORG_SCHEMA_HEADER } from "../src/registry/json-schema";
import { loadRegistry, parseOrgEntry } from "../src/registry/load";

const REPO_ORGS = join(__dirname, "..", "orgs");
const GOOD = ["--company", "Nimbus Analytics, Inc.", "--email", "ops@nimbus.example", "--plan", "scale"];

/** A scratch copy of orgs/, so the commands read the real registry and write nowhere shared. */
function withOrgsCopy<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "onboard-"));
  cpSync(REPO_ORGS, dir, { recursive: true });
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

async function onboardIn(dir: string, args: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await main(["onboard", ...args, "--orgs", dir], io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /\n\s+at /);
}

test("the written file passes cloudact validate and holds exactly what was asked", async () => {
  await withOrgsCopy(async (dir) => {
    const before = readdirSync(dir).length;
    const result = await onboardIn(dir, [
      "nimbus_analytics",
      ...GOOD,
      "--currency", "EUR",
      "--timezone", "Europe/Berlin",
      "--fiscal-year-start", "7",
      "--locale", "de-DE",
      "--env", "dev",
      "--reader", "group:finops@nimbus.example",
      "--reader", "user:cfo@nimbus.example",
    ]);
    assert.equal(result.code, EXIT_OK, result.out + result.err);
    assert.match(result.out, /wrote .*nimbus_analytics\.yaml/);
    assert.equal(readdirSync(dir).length, before + 1);
    const text = readFileSync(join(dir, "nimbus_analytics.yaml"), "utf8");
    assert.equal(text.split("\n")[0], ORG_SCHEMA_HEADER);
    const parsed = parseOrgEntry(text, "nimbus_analytics.yaml");
    assert.ok(parsed.ok);
    const asked = {
      org_slug: "nimbus_analytics",
      company_name: "Nimbus Analytics, Inc.",
      admin_email: "ops@nimbus.example",
      subscription_plan: "scale",
      default_currency: "EUR",
      default_timezone: "Europe/Berlin",
      fiscal_year_start_month: 7,
      locale: "de-DE",
      environments: ["dev"],
      status: "active",
      key_version: 1,
      readers: ["group:finops@nimbus.example", "user:cfo@nimbus.example"],
    };
    const written = Object.fromEntries(Object.keys(asked).map((key) => [key, parsed.entry[key as keyof typeof asked]]));
    assert.deepEqual(written, asked);

    const io = memoryIo({ cwd: dir });
    const code = await validateCommand(["--orgs", dir], io);
    assert.equal(code, EXIT_OK, io.out.join(""));
    const registered = readdirSync(REPO_ORGS).filter((name) => name.endsWith(".yaml")).length + 1;
    assert.match(io.out.join(""), new RegExp(`^valid: ${registered} orgs`));
  });
});

test("the summary names the dataset, tables, views, metadata rows and the API key of each stack", async () => {
  await withOrgsCopy(async (dir) => {
    const result = await onboardIn(dir, ["nimbus", ...GOOD, "--env", "dev,prod", "--dry-run"]);
    assert.equal(result.code, EXIT_OK, result.out);
    for (const stack of ["dev", "prod"]) assert.match(result.out, new RegExp(`stack ${stack} \\(project [a-z0-9-]+, location US\\)`));
    assert.match(result.out, /dataset nimbus_prod: \d+ tables, 4 views/);
    for (const view of ["x_pipeline_exec_logs", "x_all_notifications", "x_notification_stats", "x_org_hierarchy"]) {
      assert.match(result.out, new RegExp(`${view} \\((materialized|logical) view\\)`));
    }
    assert.match(result.out, /organizations\.org_profiles: org_slug=nimbus, company_name=Nimbus Analytics, Inc\., .*org_dataset_id=nimbus_prod/);
    assert.match(result.out, /organizations\.org_subscriptions: .*plan_name=scale, seat_limit=100,/);
    assert.match(result.out, /organizations\.org_usage_quotas: .*daily_pipeline_run_limit=200,/);
    assert.match(result.out, /API key: .*key_version 1.*organizations\.org_api_keys/);
    assert.match(result.out, /--show-secrets/);
  });
});

test("--dry-run writes nothing and prints the file it would write", async () => {
  await withOrgsCopy(async (dir) => {
    const before = readdirSync(dir).sort();
    const result = await onboardIn(dir, ["nimbus", ...GOOD, "--dry-run"]);
    assert.equal(result.code, EXIT_OK);
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.match(result.out, /dry run: nothing written/);
    assert.match(result.out, /org_slug: nimbus\n/);
    assert.match(result.out, /environments: \[dev, prod\]\n/, "every stack when --env is not given");
  });
});

test("every bad input is listed at once, with the option that set it; nothing is written", async () => {
  await withOrgsCopy(async (dir) => {
    const before = readdirSync(dir).sort();
    const result = await onboardIn(dir, [
      "ACME_CORP",
      "--company", "Acme again",
      "--email", "not-an-email",
      "--plan", "platinum",
      "--currency", "DOLLARS",
      "--timezone", "Mars/Olympus_Mons",
      "--env", "dev,staging",
    ]);
    assert.equal(result.code, EXIT_PROBLEM);
    assert.deepEqual(readdirSync(dir).sort(), before);
    const expected = [
      /org_slug: "ACME_CORP" clashes with "acme_corp" in .*acme_corp\.yaml \(slugs are unique ignoring case\) \(SLUG\)/,
      /admin_email: must be an email address \(--email\)/,
      /subscription_plan: must be one of: starter, professional, scale, enterprise \(--plan\)/,
      /default_currency: must be an ISO 4217 currency code .* \(--currency\)/,
      /default_timezone: must be an IANA time zone .* \(--timezone\)/,
      /environments\[1\]: no stack "staging" \(known: dev, prod\)/,
    ];
    for (const pattern of expected) assert.match(result.out, pattern);
    assert.match(result.out, /invalid: 6 problems, nothing was written\n$/);
    assertNoStackTrace(result.out + result.err);
  });
});

test("each bad input alone is refused with its own message", async () => {
  const cases: [string, string[], RegExp][] = [
    ["bad email", ["nimbus", ...GOOD.slice(0, 2), "--email", "ops@", "--plan", "scale"], /admin_email: must be an email address/],
    ["unknown plan", ["nimbus", ...GOOD.slice(0, 4), "--plan", "free"], /subscription_plan: must be one of/],
    ["bad currency", ["nimbus", ...GOOD, "--currency", "usd"], /default_currency: must be an ISO 4217/],
    ["bad timezone", ["nimbus", ...GOOD, "--timezone", "EST5"], /default_timezone: must be an IANA time zone/],
    ["duplicate slug in other case", ["Bharat_CloudWorks", ...GOOD], /org_slug: .*clashes with "bharat_cloudworks"/],
    ["same slug again", ["acme_eu", ...GOOD], /org_slug: "acme_eu" is already registered in .*acme_eu\.yaml/],
    ["reserved slug", ["Organizations", ...GOOD], /org_slug: is a reserved name/],
    ["slug not usable as an identifier", ["acme-west", ...GOOD], /org_slug: must be 3-50 letters, digits or underscores/],
    ["unknown environment", ["nimbus", ...GOOD, "--env", "qa"], /environments\[0\]: no stack "qa"/],
    ["month out of range", ["nimbus", ...GOOD, "--fiscal-year-start", "13"], /fiscal_year_start_month: must be between 1 and 12/],
    ["month not a number", ["nimbus", ...GOOD, "--fiscal-year-start", "April"], /fiscal_year_start_month: must be a whole month number/],
    ["bad locale", ["nimbus", ...GOOD, "--locale", "en_US!"], /locale: must be a BCP 47 language tag/],
    ["bad reader", ["nimbus", ...GOOD, "--reader", "alice@nimbus.example"], /readers\[0\]: must be group:/],
    ["repeated environment", ["nimbus", ...GOOD, "--env", "dev,dev"], /environments: must not repeat an environment/],
  ];
  await withOrgsCopy(async (dir) => {
    const before = readdirSync(dir).sort();
    for (const [label, args, pattern] of cases) {
      const result = await onboardIn(dir, args);
      assert.equal(result.code, EXIT_PROBLEM, `${label}: ${result.out}`);
      assert.match(result.out, pattern, label);
      assert.match(result.out, /invalid: 1 problem, nothing was written\n$/, `${label}: ${result.out}`);
      assertNoStackTrace(result.out + result.err);
    }
    assert.deepEqual(readdirSync(dir).sort(), before);
  });
});

test("the registry itself would refuse the case-insensitive duplicate onboard refuses", async () => {
  await withOrgsCopy(async (dir) => {
    const refused = await onboardIn(dir, ["ACME_corp", ...GOOD, "--dry-run"]);
    assert.equal(refused.code, EXIT_PROBLEM);
    // Write what onboard would have written, bypassing it: validation flags the same clash.
    const yaml = /would be:\n\n([\s\S]*)$/.exec((await onboardIn(dir, ["acme_corp2", ...GOOD, "--dry-run"])).out)?.[1];
    assert.ok(yaml);
    writeFileSync(join(dir, "ACME_corp.yaml"), yaml.replace("org_slug: acme_corp2", "org_slug: ACME_corp"));
    const registry = loadRegistry(dir, { knownEnvironments: ["dev", "prod"], cwd: dir });
    assert.ok(registry.problems.some((problem) => /"ACME_corp" clashes with "acme_corp"/.test(problem.message) || /"acme_corp" clashes with "ACME_corp"/.test(problem.message)));
  });
});

test("usage mistakes exit 2 with the usage and no stack trace; nothing is written", async () => {
  await withOrgsCopy(async (dir) => {
    const before = readdirSync(dir).sort();
    const cases: [string[], RegExp][] = [
      [[...GOOD], /onboard needs the org SLUG/],
      [["a_org", "b_org", ...GOOD], /onboard takes one SLUG/],
      [["nimbus", "--company", "X"], /onboard needs --email, --plan/],
      [["nimbus", ...GOOD, "--colour", "blue"], /Unknown option '--colour'/],
    ];
    for (const [args, pattern] of cases) {
      const result = await onboardIn(dir, args);
      assert.equal(result.code, EXIT_USAGE, args.join(" "));
      assert.match(result.err, pattern);
      assert.match(result.err, /usage: cloudact/);
      assertNoStackTrace(result.err);
    }
    const missingDir = memoryIo({ cwd: dir });
    assert.equal(await onboardCommand(["nimbus", ...GOOD, "--orgs", join(dir, "nope")], missingDir), EXIT_USAGE);
    assert.match(missingDir.err.join(""), /registry folder .*nope not found/);
    assert.deepEqual(readdirSync(dir).sort(), before);
  });
});

test("a broken registry is reported first and blocks onboarding", async () => {
  await withOrgsCopy(async (dir) => {
    writeFileSync(join(dir, "broken_org.yaml"), `${ORG_SCHEMA_HEADER}\norg_slug: broken_org\n`);
    const result = await onboardIn(dir, ["nimbus", ...GOOD]);
    assert.equal(result.code, EXIT_PROBLEM);
    assert.match(result.out, /broken_org\.yaml:\d+: company_name: is required/);
    assert.match(result.out, /fix these first/);
    assert.equal(readdirSync(dir).includes("nimbus.yaml"), false);
  });
});

test("--shard writes the org's shard, and a shard that is not a number is refused", async () => {
  await withOrgsCopy(async (dir) => {
    const written = await onboardIn(dir, ["sharded_org", ...GOOD, "--env", "prod", "--shard", "3"]);
    assert.equal(written.code, EXIT_OK, written.out + written.err);
    const parsed = parseOrgEntry(readFileSync(join(dir, "sharded_org.yaml"), "utf8"), "sharded_org.yaml");
    assert.ok(parsed.ok);
    assert.equal(parsed.ok && parsed.entry.shard, 3);
    const refused = await onboardIn(dir, ["other_org", ...GOOD, "--shard", "three", "--dry-run"]);
    assert.equal(refused.code, EXIT_PROBLEM);
    assert.match(refused.out + refused.err, /shard: must be a whole number \(--shard\)/);
  });
});

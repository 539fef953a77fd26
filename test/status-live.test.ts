import { test } from "node:test";
import assert from "node:assert/strict";
import { OAuth2Client } from "google-auth-library";
import { repoRoot } from "../src/cli/root";
import { projectPaths } from "../src/project/load";
import { loadStatusModel } from "../src/status/load-model";
import { compareCatalog, stackDatasets } from "../src/status/compare";
import { syntheticCatalog } from "../src/status/synthetic";
import { LiveCatalogReader, bigQueryClient, defaultBigQuery } from "../src/status/catalog/live-reader";
import { CatalogReadError, REQUIRED_ROLES } from "../src/status/catalog/live-errors";
import type { CatalogScope } from "../src/status/catalog/reader";
import type { Model } from "../src/model/types";
import { FakeBigQuery, datasetsParam } from "./fixtures/catalog/fake-bigquery";
import { join } from "node:path";

const ORGS = join(__dirname, "fixtures", "catalog", "orgs");

function devModel(): Model {
  const loaded = loadStatusModel(projectPaths(repoRoot(), process.cwd(), { orgs: ORGS }), "dev");
  assert.ok(loaded.ok, "the fixture registry loads");
  return loaded.model;
}

function scopeOf(model: Model): CatalogScope {
  return { project: model.settings.project, location: model.settings.location, centralDataset: model.bootstrap.datasetId, datasets: stackDatasets(model) };
}

/** A real @google-cloud/bigquery client against the fake; a fixed token instead of ADC. */
function readerFor(url: string, model: Model, sleeps: number[] = []): LiveCatalogReader {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: "fake-token", expiry_date: Date.now() + 3_600_000 });
  const client = defaultBigQuery(scopeOf(model), { apiEndpoint: url, authClient: auth });
  return new LiveCatalogReader({ client: bigQueryClient(client), stack: model.stack, sleep: async (ms) => void sleeps.push(ms) });
}

async function withFake<T>(fake: FakeBigQuery, run: (url: string) => Promise<T>): Promise<T> {
  const url = await fake.start();
  try {
    return await run(url);
  } finally {
    await fake.stop();
  }
}

test("the live reader gets the snapshot rows with three paged queries, datasets as an array parameter", async () => {
  const model = devModel();
  const [alpha] = model.orgDatasets;
  assert.ok(alpha);
  const truth = syntheticCatalog(model, { dropColumns: [{ dataset: alpha.datasetId, table: "subscription_plans", column: "currency" }] });
  // The fake also holds a dataset outside the stack: the parameter filter must keep it out.
  const stored = { ...truth, schemata: [...truth.schemata, { schema_name: "someone_else" }], columns: [...truth.columns, { table_schema: "someone_else", table_name: "t", column_name: "c", field_path: "c", data_type: "STRING" }] };
  const fake = new FakeBigQuery(stored, 500);
  const rows = await withFake(fake, (url) => readerFor(url, model).read(scopeOf(model)));
  assert.equal(fake.queriesOf("schemata").length, 1);
  assert.equal(fake.queriesOf("columns").length, 1);
  assert.equal(fake.queriesOf("org_profiles").length, 1);
  assert.ok(fake.requests.some((request) => request.method === "GET"), "more than one page was fetched");
  for (const request of fake.requests) assert.equal(request.authorization, "Bearer fake-token");
  const columnsQuery = fake.queriesOf("columns")[0];
  assert.ok(columnsQuery?.body);
  assert.deepEqual([...(datasetsParam(columnsQuery.body) ?? [])].sort(), stackDatasets(model).sort());
  for (const dataset of stackDatasets(model)) assert.ok(!String(columnsQuery.body.query).includes(dataset), `${dataset} is a parameter value, not SQL text`);
  assert.match(String(columnsQuery.body.query), /`cloudact-testing-1`\.`region-us`\.INFORMATION_SCHEMA\.COLUMN_FIELD_PATHS/);
  assert.equal(rows.columns.length, truth.columns.length);
  assert.deepEqual(rows.schemata.map((row) => row.schema_name).sort(), truth.schemata.map((row) => row.schema_name).sort());
  const report = compareCatalog(model, rows);
  assert.equal(report.organizations[alpha.org ?? ""]?.status, "OUT_OF_SYNC");
  assert.deepEqual(report.organizations[alpha.org ?? ""]?.missing_columns, { subscription_plans: ["currency"] });
});

test("without the central dataset the live reader skips the org_profiles query", async () => {
  const model = devModel();
  const fake = new FakeBigQuery(syntheticCatalog(model, { dropDatasets: ["organizations"] }));
  const rows = await withFake(fake, (url) => readerFor(url, model).read(scopeOf(model)));
  assert.equal(fake.queriesOf("org_profiles").length, 0);
  assert.deepEqual(rows.org_profiles, []);
  assert.equal(compareCatalog(model, rows).bootstrap.status, "NOT_BOOTSTRAPPED");
});

test("403 accessDenied becomes a clear error naming the roles, without retrying", async () => {
  const model = devModel();
  const fake = new FakeBigQuery(syntheticCatalog(model));
  fake.failures.columns.push({ status: 403, reason: "accessDenied", message: "Access Denied: Table cloudact-testing-1:region-us.INFORMATION_SCHEMA: User does not have permission" });
  const sleeps: number[] = [];
  await withFake(fake, async (url) => {
    await assert.rejects(readerFor(url, model, sleeps).read(scopeOf(model)), (error: unknown) => {
      assert.ok(error instanceof CatalogReadError);
      assert.match(error.message, /permission denied/);
      assert.ok(error.message.includes(REQUIRED_ROLES));
      assert.match(error.message, /roles\/bigquery\.jobUser/);
      assert.match(error.message, /Access Denied/);
      return true;
    });
  });
  assert.equal(fake.queriesOf("columns").length, 1);
  assert.deepEqual(sleeps, []);
});

for (const [status, reason] of [
  [403, "rateLimitExceeded"],
  [429, "rateLimitExceeded"],
] as const) {
  test(`${status} ${reason} is retried with backoff, then succeeds`, async () => {
    const model = devModel();
    const fake = new FakeBigQuery(syntheticCatalog(model));
    fake.failures.schemata.push({ status, reason, message: "Exceeded rate limits: too many concurrent queries" });
    fake.failures.schemata.push({ status, reason, message: "Exceeded rate limits: too many concurrent queries" });
    const sleeps: number[] = [];
    const rows = await withFake(fake, (url) => readerFor(url, model, sleeps).read(scopeOf(model)));
    assert.equal(fake.queriesOf("schemata").length, 3);
    assert.deepEqual(sleeps, [1_000, 2_000]);
    assert.equal(rows.schemata.length, stackDatasets(model).length);
  });
}

test("a rate limit that never lifts gives up after a bounded number of attempts", async () => {
  const model = devModel();
  const fake = new FakeBigQuery(syntheticCatalog(model));
  for (let index = 0; index < 10; index += 1) fake.failures.schemata.push({ status: 429, reason: "rateLimitExceeded", message: "Exceeded rate limits" });
  const sleeps: number[] = [];
  await withFake(fake, async (url) => {
    await assert.rejects(readerFor(url, model, sleeps).read(scopeOf(model)), /after 5 attempts; try again later/);
  });
  assert.equal(fake.queriesOf("schemata").length, 5);
  assert.deepEqual(sleeps, [1_000, 2_000, 4_000, 8_000]);
});

test("a dataset in another location is reported as a region mismatch", async () => {
  const model = devModel();
  const fake = new FakeBigQuery(syntheticCatalog(model));
  fake.failures.org_profiles.push({ status: 404, reason: "notFound", message: "Not found: Dataset cloudact-testing-1:organizations was not found in location US" });
  await withFake(fake, async (url) => {
    await assert.rejects(readerFor(url, model).read(scopeOf(model)), /region mismatch: the stack's location is US .*Pulumi\.dev\.yaml/);
  });
});

test("missing credentials are reported with the command that provides them", async () => {
  const model = devModel();
  const fake = new FakeBigQuery(syntheticCatalog(model));
  const auth = new OAuth2Client();
  // What google-auth-library throws when Application Default Credentials are not set up.
  const noCredentials = async (): Promise<never> => {
    throw new Error("Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.");
  };
  auth.getRequestHeaders = noCredentials;
  auth.getAccessToken = noCredentials;
  await withFake(fake, async (url) => {
    const client = defaultBigQuery(scopeOf(model), { apiEndpoint: url, authClient: auth });
    const reader = new LiveCatalogReader({ client: bigQueryClient(client), stack: "dev", sleep: async () => undefined });
    await assert.rejects(reader.read(scopeOf(model)), /gcloud auth application-default login/);
  });
  assert.deepEqual(fake.requests, [], "the reader stops before sending anything");
});

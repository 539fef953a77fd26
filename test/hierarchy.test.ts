import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { BigQuery } from "@google-cloud/bigquery";
// google-auth-library comes with @google-cloud/bigquery. An OAuth2Client holding an unexpired access
// token signs requests without any network call, so the real client runs unchanged against the fake.
import { OAuth2Client } from "google-auth-library";
import { InvalidIdentifierError, OrgHierarchyReadError, readOrgHierarchy, type HierarchyDeps } from "../src/hierarchy/read";
import { BigQueryRestFake, type QueryAnswer, type QueryRequestBody } from "./helpers/bigquery-rest-fake";

/**
 * The BigQuery REST fake answering from tables: it resolves the one table a query reads
 * (`project`.`dataset`.`table`), applies the `org_slug = @org_slug` filter from the query
 * parameters, and encodes TIMESTAMP cells as int64 microseconds, as BigQuery does.
 */
const PROJECT = "cloudact-unit-1";
const TOKEN = "fake-access-token";

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;
type TableState = { rows: Row[]; pending?: boolean; pageSize?: number } | { error: { code: number; reason: string; message: string } };

const SCHEMA = {
  fields: [
    { name: "org_slug", type: "STRING", mode: "REQUIRED" },
    { name: "entity_id", type: "STRING", mode: "REQUIRED" },
    { name: "entity_name", type: "STRING", mode: "NULLABLE" },
    { name: "level_code", type: "STRING", mode: "NULLABLE" },
    { name: "parent_id", type: "STRING", mode: "NULLABLE" },
    { name: "path", type: "STRING", mode: "NULLABLE" },
    { name: "path_names", type: "STRING", mode: "NULLABLE" },
    { name: "depth", type: "INTEGER", mode: "NULLABLE" },
    { name: "owner_email", type: "STRING", mode: "NULLABLE" },
    { name: "is_active", type: "BOOLEAN", mode: "NULLABLE" },
    { name: "created_at", type: "TIMESTAMP", mode: "REQUIRED" },
    { name: "updated_at", type: "TIMESTAMP", mode: "NULLABLE" },
  ],
};

const tables = new Map<string, TableState>();
const fake = new BigQueryRestFake((_project, body) => answer(body));
const requests = fake.requests;
let endpoint: string;

function node(org: string, id: string, depth: number, parent: string | null): Row {
  return {
    org_slug: org,
    entity_id: id,
    entity_name: `${id} name`,
    level_code: depth === 0 ? "DEPT" : "TEAM",
    parent_id: parent,
    path: parent ? `/${parent}/${id}` : `/${id}`,
    path_names: null,
    depth,
    owner_email: `${id}@${org}.example`,
    is_active: true,
    created_at: "2026-01-02T03:04:05.123456Z",
    updated_at: null,
  };
}

function encode(row: Row): (string | null)[] {
  return SCHEMA.fields.map(({ name, type }) => {
    const value = row[name] ?? null;
    if (value === null) return null;
    if (type === "TIMESTAMP") return String(BigInt(Date.parse(String(value))) * 1000n + BigInt(String(value).match(/\.\d{3}(\d{3})/)?.[1] ?? "0"));
    return String(value);
  });
}

function answer(body: QueryRequestBody): QueryAnswer {
  const from = /FROM `([^`]+)`\.`([^`]+)`\.`([^`]+)`/.exec(body.query ?? "");
  const slug = body.queryParameters?.find((param) => param.name === "org_slug")?.parameterValue.value;
  if (!from || slug === undefined) return { error: { code: 400, reason: "invalidQuery", message: "fake: query without a quoted table or @org_slug" } };
  const [, project, dataset, table] = from;
  const state = tables.get(`${project}.${dataset}.${table}`);
  if (!state) {
    return { error: { code: 404, reason: "notFound", message: `Not found: Table ${project}:${dataset}.${table} was not found in location US`, status: "NOT_FOUND" } };
  }
  if ("error" in state) return { error: state.error };
  const rows = state.rows.filter((row) => row.org_slug === slug).map(encode);
  return state.pending ? { schema: SCHEMA, rows, pending: true, pageSize: state.pageSize ?? 2 } : { schema: SCHEMA, rows };
}

function deps(overrides: Partial<HierarchyDeps> = {}): HierarchyDeps {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: TOKEN, expiry_date: Date.now() + 3_600_000 });
  const bigquery = new BigQuery({ apiEndpoint: endpoint, projectId: PROJECT, authClient, autoRetry: false, maxRetries: 0 });
  return { bigquery, projectId: PROJECT, datasetSuffix: "prod", ...overrides };
}

before(async () => {
  endpoint = await fake.start();
});

after(() => fake.stop());

beforeEach(() => {
  tables.clear();
  requests.length = 0;
});

const CENTRAL = `${PROJECT}.organizations.org_hierarchy`;
const ACME_VIEW = `${PROJECT}.acme_corp_prod.x_org_hierarchy`;

test("view present: reads the org's own x_org_hierarchy with the real client, signed, parameterized", async () => {
  tables.set(ACME_VIEW, { rows: [node("acme_corp", "eng", 0, null), node("acme_corp", "platform", 1, "eng")] });
  tables.set(CENTRAL, { rows: [node("acme_corp", "should_not_be_read", 0, null)] });
  const result = await readOrgHierarchy("acme_corp", deps());
  assert.equal(result.source, "view");
  assert.equal(result.table, ACME_VIEW);
  assert.deepEqual(
    result.nodes.map((n) => n.entity_id),
    ["eng", "platform"],
  );
  assert.deepEqual(result.nodes[1], {
    org_slug: "acme_corp",
    entity_id: "platform",
    entity_name: "platform name",
    level_code: "TEAM",
    parent_id: "eng",
    path: "/eng/platform",
    path_names: null,
    depth: 1,
    owner_email: "platform@acme_corp.example",
    is_active: true,
    created_at: "2026-01-02T03:04:05.123456Z",
    updated_at: null,
  });
  assert.equal(requests.length, 1, "one jobs.query call, no fallback");
  const [request] = requests;
  assert.equal(request?.method, "POST");
  assert.equal(request?.authorization, `Bearer ${TOKEN}`);
  assert.match(request?.body?.query ?? "", /FROM `cloudact-unit-1`\.`acme_corp_prod`\.`x_org_hierarchy`/);
  assert.doesNotMatch(request?.body?.query ?? "", /'acme_corp'/, "the slug travels as a parameter, not in the SQL");
  assert.deepEqual(request?.body?.queryParameters, [{ name: "org_slug", parameterType: { type: "STRING" }, parameterValue: { value: "acme_corp" } }]);
});

test("view missing (404 notFound): falls back to organizations.org_hierarchy filtered to the org", async () => {
  tables.set(CENTRAL, {
    rows: [node("acme_corp", "eng", 0, null), node("other_org", "secret", 0, null), node("acme_corp", "finance", 0, null), node("acme_corp", "fpa", 1, "finance")],
  });
  const result = await readOrgHierarchy("acme_corp", deps());
  assert.equal(result.source, "central");
  assert.equal(result.table, CENTRAL);
  assert.deepEqual(result.nodes.map((n) => n.entity_id).sort(), ["eng", "finance", "fpa"]);
  assert.ok(result.nodes.every((n) => n.org_slug === "acme_corp"));
  assert.deepEqual(
    requests.map((r) => r.body?.query?.match(/FROM (\S+)/)?.[1]),
    ["`cloudact-unit-1`.`acme_corp_prod`.`x_org_hierarchy`", "`cloudact-unit-1`.`organizations`.`org_hierarchy`"],
  );
  assert.match(requests[1]?.body?.query ?? "", /WHERE `org_slug` = @org_slug/);
});

test("a query that does not finish at once is polled through getQueryResults, across pages", async () => {
  const rows = ["a1", "a2", "a3", "a4", "a5"].map((id, index) => node("acme_corp", id, index, null));
  tables.set(ACME_VIEW, { rows, pending: true });
  const result = await readOrgHierarchy("acme_corp", deps());
  assert.equal(result.source, "view");
  assert.deepEqual(
    result.nodes.map((n) => n.entity_id),
    ["a1", "a2", "a3", "a4", "a5"],
  );
  assert.deepEqual(
    requests.map((r) => `${r.method} ${r.path.replace(/job_\d+/, "JOB")}`),
    ["POST /bigquery/v2/projects/cloudact-unit-1/queries", ...Array(3).fill("GET /bigquery/v2/projects/cloudact-unit-1/queries/JOB")],
  );
});

test("both failing: the error names both causes and both tables, never an empty result", async () => {
  tables.set(CENTRAL, { error: { code: 403, reason: "accessDenied", message: "Access Denied: Table cloudact-unit-1:organizations.org_hierarchy: Permission bigquery.tables.getData denied" } });
  await assert.rejects(readOrgHierarchy("acme_corp", deps()), (error: unknown) => {
    assert.ok(error instanceof OrgHierarchyReadError);
    assert.match(error.message, /view cloudact-unit-1\.acme_corp_prod\.x_org_hierarchy: Not found: Table/);
    assert.match(error.message, /fallback cloudact-unit-1\.organizations\.org_hierarchy: Access Denied/);
    assert.match(error.viewError.message, /was not found/);
    assert.match(error.centralError.message, /bigquery\.tables\.getData denied/);
    return true;
  });
  assert.equal(requests.length, 2);
});

test("a view that exists but fails for another reason is reported as is, with no fallback", async () => {
  tables.set(ACME_VIEW, { error: { code: 403, reason: "accessDenied", message: "Access Denied: Table cloudact-unit-1:acme_corp_prod.x_org_hierarchy" } });
  tables.set(CENTRAL, { rows: [node("acme_corp", "eng", 0, null)] });
  await assert.rejects(readOrgHierarchy("acme_corp", deps()), /Access Denied: Table cloudact-unit-1:acme_corp_prod\.x_org_hierarchy/);
  assert.equal(requests.length, 1);
});

test("an org with no nodes reads as an empty hierarchy from the source that exists", async () => {
  tables.set(ACME_VIEW, { rows: [node("other_org", "x", 0, null)] });
  const result = await readOrgHierarchy("acme_corp", deps());
  assert.equal(result.source, "view");
  assert.deepEqual(result.nodes, []);
});

test("the slug is validated before any identifier is built or any request made", async () => {
  for (const slug of ["acme`; DROP TABLE x; --", "ab", "acme-corp", "a".repeat(51), "acme_corp_prod`.`x", ""]) {
    await assert.rejects(readOrgHierarchy(slug, deps()), InvalidIdentifierError, JSON.stringify(slug));
  }
  await assert.rejects(readOrgHierarchy("acme_corp", deps({ projectId: "bad`project" })), InvalidIdentifierError);
  await assert.rejects(readOrgHierarchy("acme_corp", deps({ datasetSuffix: "prod`" })), InvalidIdentifierError);
  assert.equal(requests.length, 0);
});

test("the dataset suffix and location of the stack are used", async () => {
  tables.set(`${PROJECT}.acme_corp_stg.x_org_hierarchy`, { rows: [node("acme_corp", "eng", 0, null)] });
  const result = await readOrgHierarchy("acme_corp", deps({ datasetSuffix: "stg", location: "EU" }));
  assert.equal(result.table, `${PROJECT}.acme_corp_stg.x_org_hierarchy`);
  assert.equal((requests[0]?.body as { location?: string } | null)?.location, "EU");
});

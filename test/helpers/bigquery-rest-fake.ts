/**
 * A local fake of the two BigQuery REST endpoints @google-cloud/bigquery's `query()` calls:
 *   POST /bigquery/v2/projects/{p}/queries           (jobs.query)
 *   GET  /bigquery/v2/projects/{p}/queries/{jobId}   (jobs.getQueryResults, with pageToken)
 * It records every request, pages results, and answers errors with BigQuery's error bodies. What a
 * query returns is the test's business: the `answer` callback.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A jobs.query request body, as much of it as the tests read. */
export interface QueryRequestBody {
  readonly query?: string;
  readonly location?: string;
  readonly queryParameters?: readonly {
    readonly name: string;
    readonly parameterType: { readonly type: string };
    readonly parameterValue: { readonly value?: string; readonly arrayValues?: readonly { readonly value?: string }[] };
  }[];
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: QueryRequestBody | undefined;
}

export interface FieldSchema {
  readonly name: string;
  readonly type: string;
  readonly mode: string;
}

export type QueryAnswer =
  | {
      readonly schema: { readonly fields: readonly FieldSchema[] };
      /** Rows as BigQuery's REST API encodes cells: strings or null. */
      readonly rows: readonly (readonly (string | null)[])[];
      readonly pageSize?: number;
      /** The first answer says the job is still running; the rows come from getQueryResults. */
      readonly pending?: boolean;
    }
  | { readonly error: { readonly code: number; readonly reason: string; readonly message: string; readonly status?: string } };

interface Job {
  readonly schema: { readonly fields: readonly FieldSchema[] };
  readonly rows: readonly (readonly (string | null)[])[];
  readonly pageSize: number;
}

export class BigQueryRestFake {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private readonly jobs = new Map<string, Job>();
  private jobCount = 0;

  constructor(
    private readonly answer: (project: string, body: QueryRequestBody) => QueryAnswer,
    private readonly options: { readonly requireAuth?: boolean } = {},
  ) {}

  async start(): Promise<string> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => send(response, 500, errorBody(500, "internalError", String(error))));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://fake");
    const body = text ? (JSON.parse(text) as QueryRequestBody) : undefined;
    this.requests.push({ method: request.method ?? "", path: url.pathname, authorization: request.headers.authorization, body });
    if (this.options.requireAuth && !request.headers.authorization) {
      const message = "Request is missing required authentication credential. Expected OAuth 2 access token.";
      return send(response, 401, errorBody(401, "required", message, "UNAUTHENTICATED"));
    }
    const query = /^\/bigquery\/v2\/projects\/([^/]+)\/queries$/.exec(url.pathname);
    const results = /^\/bigquery\/v2\/projects\/([^/]+)\/queries\/([^/]+)$/.exec(url.pathname);
    if (request.method === "POST" && query) return this.runQuery(query[1] ?? "", body ?? {}, response);
    if (request.method === "GET" && results) return this.page(results[1] ?? "", results[2] ?? "", Number(url.searchParams.get("pageToken") ?? "0"), response);
    send(response, 404, errorBody(404, "notFound", `fake: no route ${request.method} ${url.pathname}`));
  }

  private runQuery(project: string, body: QueryRequestBody, response: ServerResponse): void {
    const answer = this.answer(project, body);
    if ("error" in answer) {
      const { code, reason, message, status } = answer.error;
      return send(response, code, errorBody(code, reason, message, status));
    }
    const jobId = `job_${++this.jobCount}`;
    const job: Job = { schema: answer.schema, rows: answer.rows, pageSize: answer.pageSize ?? 1000 };
    this.jobs.set(jobId, job);
    if (answer.pending) {
      return send(response, 200, { kind: "bigquery#queryResponse", jobReference: { projectId: project, jobId, location: "US" }, jobComplete: false });
    }
    this.respond(project, jobId, job, 0, "bigquery#queryResponse", response);
  }

  private page(project: string, jobId: string, start: number, response: ServerResponse): void {
    const job = this.jobs.get(jobId);
    if (!job) return send(response, 404, errorBody(404, "notFound", `Not found: Job ${project}:US.${jobId}`));
    this.respond(project, jobId, job, start, "bigquery#getQueryResultsResponse", response);
  }

  private respond(project: string, jobId: string, job: Job, start: number, kind: string, response: ServerResponse): void {
    const next = start + job.pageSize < job.rows.length ? String(start + job.pageSize) : undefined;
    send(response, 200, {
      kind,
      jobReference: { projectId: project, jobId, location: "US" },
      jobComplete: true,
      totalRows: String(job.rows.length),
      schema: job.schema,
      rows: job.rows.slice(start, start + job.pageSize).map((values) => ({ f: values.map((v) => ({ v })) })),
      ...(next ? { pageToken: next } : {}),
    });
  }
}

function errorBody(code: number, reason: string, message: string, status?: string): unknown {
  return { error: { code, message, errors: [{ message, domain: "global", reason }], ...(status ? { status } : {}) } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  response.end(JSON.stringify(body));
}

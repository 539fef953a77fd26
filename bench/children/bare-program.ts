/**
 * The baseline "program" for the plan benchmark: registers the same custom resources (the
 * gcp.bigquery Datasets and Tables, and any other resource the program registers per org, such as
 * its metadata rows), with the same inputs and options, as the real program does for BENCH_ORGS
 * orgs, and nothing else: no loading, validation, model or components. Inputs come from a template
 * (one org and the central dataset, dumped by the plan child) with the template org's slug replaced.
 */
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { benchSlug } from "../lib/registry";

interface TemplateResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

const DATASET_TYPE = "gcp:bigquery/dataset:Dataset";
const TABLE_TYPE = "gcp:bigquery/table:Table";
const template = JSON.parse(readFileSync(process.env.BENCH_TEMPLATE ?? "", "utf8")) as TemplateResource[];
const orgCount = Number(process.env.BENCH_ORGS ?? "0");
const templateSlug = benchSlug(0);

/** Replaces the template slug in strings; strings without it are shared, as identical inputs would be. */
function withSlug<T>(value: T, slug: string): T {
  if (typeof value === "string") return (value.includes(templateSlug) ? value.replaceAll(templateSlug, slug) : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withSlug(item, slug)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withSlug(item, slug)])) as T;
  }
  return value;
}

/** Any other custom resource type, registered with its type token and inputs as they are. */
class Replayed extends pulumi.CustomResource {
  constructor(type: string, name: string, inputs: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    super(type, name, inputs, opts);
  }
}

function register(resource: TemplateResource): void {
  const opts = { protect: resource.protect, retainOnDelete: resource.retainOnDelete };
  if (resource.type === DATASET_TYPE) new gcp.bigquery.Dataset(resource.name, resource.inputs as unknown as gcp.bigquery.DatasetArgs, opts);
  else if (resource.type === TABLE_TYPE) new gcp.bigquery.Table(resource.name, resource.inputs as unknown as gcp.bigquery.TableArgs, opts);
  else new Replayed(resource.type, resource.name, resource.inputs, opts);
}

const isOrgResource = (resource: TemplateResource): boolean => resource.name.includes(templateSlug);
for (const resource of template.filter((item) => !isOrgResource(item))) register(resource);
const orgResources = template.filter(isOrgResource);
for (let index = 0; index < orgCount; index += 1) {
  const slug = benchSlug(index);
  for (const resource of orgResources) register(index === 0 ? resource : withSlug(resource, slug));
}

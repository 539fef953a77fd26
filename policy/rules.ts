/**
 * The policy pack's rules as pure functions over what a policy sees of a resource: its type, its
 * input properties and its `protect` option. Each returns the violation messages (none: compliant).
 */

export const DATASET_TYPE = "gcp:bigquery/dataset:Dataset";
export const TABLE_TYPE = "gcp:bigquery/table:Table";

export interface ResourceFacts {
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
  /** `opts.protect` as the engine reports it to policies. */
  readonly protect: boolean;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A table that declares a query: derived data, which a reviewed allowlist entry may replace. */
export function isView(resource: ResourceFacts): boolean {
  return resource.type === TABLE_TYPE && (isSet(resource.props.view) || isSet(resource.props.materializedView));
}

/** Datasets and base tables must be registered with `protect: true`. */
export function unprotectedViolations(resource: ResourceFacts): string[] {
  if (resource.type !== DATASET_TYPE && resource.type !== TABLE_TYPE) return [];
  if (isView(resource) || resource.protect) return [];
  const what = resource.type === DATASET_TYPE ? "dataset" : "base table";
  return [`this ${what} is registered without \`protect: true\`; create it through stacks/protected.ts, which sets protect and retainOnDelete`];
}

/** Base tables must set BigQuery's own `deletionProtection: true`. */
export function deletionProtectionViolations(resource: ResourceFacts): string[] {
  if (resource.type !== TABLE_TYPE || isView(resource)) return [];
  if (resource.props.deletionProtection === true) return [];
  const value = resource.props.deletionProtection;
  return [`deletionProtection is ${value === undefined ? "not set" : JSON.stringify(value)}; every base table sets \`deletionProtection: true\``];
}

/** Datasets must never delete their tables when destroyed. */
export function deleteContentsViolations(resource: ResourceFacts): string[] {
  if (resource.type !== DATASET_TYPE) return [];
  return resource.props.deleteContentsOnDestroy === true ? ["`deleteContentsOnDestroy: true` would delete every table of the dataset with it; set it to false"] : [];
}

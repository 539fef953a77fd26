import type * as gcp from "@pulumi/gcp";
import { isAuthorizedDataset, type AccessEntry } from "../src/access/dataset-access";

type DatasetAccess = gcp.types.input.bigquery.DatasetAccess;

/** An IAM principal as a dataset access entry: service accounts are users to BigQuery's ACL. */
function principalAccess(role: string, principal: string): DatasetAccess {
  const colon = principal.indexOf(":");
  const kind = principal.slice(0, colon);
  const member = principal.slice(colon + 1);
  if (kind === "group") return { role, groupByEmail: member };
  if (kind === "domain") return { role, domain: member };
  return { role, userByEmail: member };
}

/** The dataset's whole access list (authoritative: nothing else may add entries to the same dataset). */
export function datasetAccesses(entries: readonly AccessEntry[]): DatasetAccess[] {
  return entries.map((entry) =>
    isAuthorizedDataset(entry)
      ? { dataset: { dataset: { ...entry.authorizedDataset }, targetTypes: [...entry.targetTypes] } }
      : principalAccess(entry.role, entry.principal),
  );
}

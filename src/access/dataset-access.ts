import type { StackSettings } from "../config/settings";
import type { Model, OrgModel } from "../model/types";

/** Legacy role names: the API returns these whatever form is sent, so other forms diff forever. */
export type AccessRole = "OWNER" | "WRITER" | "READER";

export interface PrincipalAccess {
  readonly role: AccessRole;
  /** An IAM principal: `user:`, `serviceAccount:`, `group:` or `domain:`. */
  readonly principal: string;
}

/** Lets every view of another dataset read this one (BigQuery "authorized dataset"). */
export interface AuthorizedDataset {
  readonly authorizedDataset: { readonly projectId: string; readonly datasetId: string };
  readonly targetTypes: readonly ["VIEWS"];
}

export type AccessEntry = PrincipalAccess | AuthorizedDataset;

/** Emails and domains compare case-insensitively; the `serviceAccount:` kind keeps its spelling. */
export function normalizePrincipal(principal: string): string {
  const colon = principal.indexOf(":");
  return `${principal.slice(0, colon + 1)}${principal.slice(colon + 1).toLowerCase()}`;
}

const RANK: Readonly<Record<AccessRole, number>> = { READER: 1, WRITER: 2, OWNER: 3 };

/** One entry per principal, keeping its strongest role; BigQuery rejects duplicate members. */
function principals(grants: readonly PrincipalAccess[]): PrincipalAccess[] {
  const strongest = new Map<string, PrincipalAccess>();
  for (const grant of grants) {
    const principal = normalizePrincipal(grant.principal);
    const known = strongest.get(principal);
    if (!known || RANK[grant.role] > RANK[known.role]) strongest.set(principal, { role: grant.role, principal });
  }
  return [...strongest.values()];
}

function operators(settings: StackSettings): PrincipalAccess[] {
  return [
    ...(settings.deployer ? [{ role: "OWNER" as const, principal: settings.deployer }] : []),
    ...(settings.apiServiceAccount ? [{ role: "WRITER" as const, principal: settings.apiServiceAccount }] : []),
  ];
}

/**
 * The central dataset: the deployer owns it, CloudAct's API writes it, and every org dataset's
 * views may read it, so that an org's readers see their org's rows through its views and nothing else.
 */
export function centralAccess(model: Model): AccessEntry[] {
  const authorized: AuthorizedDataset[] = model.orgs.map((org) => ({
    authorizedDataset: { projectId: model.settings.project, datasetId: org.datasetId },
    targetTypes: ["VIEWS"],
  }));
  return [...principals(operators(model.settings)), ...authorized];
}

/** An org dataset: the deployer and the API as on the central dataset, plus the org's own readers. */
export function orgAccess(settings: StackSettings, org: OrgModel): PrincipalAccess[] {
  return principals([...operators(settings), ...org.entry.readers.map((principal) => ({ role: "READER" as const, principal }))]);
}

export function isAuthorizedDataset(entry: AccessEntry): entry is AuthorizedDataset {
  return "authorizedDataset" in entry;
}

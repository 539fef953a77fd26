import { ORG_SLUG_PATTERN } from "../registry/org-entry";
import { quoteIdentifier } from "./identifiers";

/** Renders a view template for one org. The slug must already have passed registry validation. */
export function renderViewQuery(view: { readonly template: string }, project: string, centralDataset: string, orgSlug: string): string {
  if (!ORG_SLUG_PATTERN.test(orgSlug)) throw new Error(`org slug ${JSON.stringify(orgSlug)} reached SQL unvalidated`);
  const central = `${quoteIdentifier(project)}.${quoteIdentifier(centralDataset)}`;
  return view.template.replace(/\{\{\s*central\s*\}\}/g, central).replace(/\{\{\s*org_slug\s*\}\}/g, `'${orgSlug}'`);
}

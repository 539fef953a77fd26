import { ORG_SLUG_PATTERN } from "../registry/org-entry";

/** Backtick-quotes one identifier; identifiers reaching SQL are validated, this is defence in depth. */
export function quoteIdentifier(identifier: string): string {
  if (/[`\\\n]/.test(identifier)) throw new Error(`identifier ${JSON.stringify(identifier)} cannot be quoted safely`);
  return `\`${identifier}\``;
}

/** Renders a view template for one org. The slug must already have passed registry validation. */
export function renderViewQuery(view: { readonly template: string }, project: string, centralDataset: string, orgSlug: string): string {
  if (!ORG_SLUG_PATTERN.test(orgSlug)) throw new Error(`org slug ${JSON.stringify(orgSlug)} reached SQL unvalidated`);
  const central = `${quoteIdentifier(project)}.${quoteIdentifier(centralDataset)}`;
  return view.template.replace(/\{\{\s*central\s*\}\}/g, central).replace(/\{\{\s*org_slug\s*\}\}/g, `'${orgSlug}'`);
}

import { z } from "zod";
import { orgEntrySchema, RESERVED_SLUGS } from "./org-entry";

/** The registry's JSON Schema, next to the org files: `orgs/org.schema.json`. */
export const ORG_SCHEMA_FILE = "org.schema.json";
/** The first line of every `orgs/<slug>.yaml`: points YAML-aware editors at the schema. */
export const ORG_SCHEMA_HEADER = `# yaml-language-server: $schema=./${ORG_SCHEMA_FILE}`;

type JsonObject = { [key: string]: unknown };

/**
 * The JSON Schema of one registry file, generated from the same zod definition the registry
 * validates with. Input side: fields with defaults are optional. zod refinements (currency, time
 * zone, locale, reserved names, unique environments) have no JSON Schema form; the closest checks an
 * editor can run are added here, and the registry's own validation stays the authority.
 */
export function orgJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(orgEntrySchema, { io: "input", target: "draft-2020-12" }) as JsonObject;
  const properties = schema.properties as Record<string, JsonObject>;
  const extra: Record<string, JsonObject> = {
    org_slug: { not: { pattern: `^(${RESERVED_SLUGS.map(anyCase).join("|")})$` } },
    default_currency: { pattern: "^[A-Z]{3}$", examples: ["USD", "EUR", "INR"] },
    default_timezone: { examples: ["UTC", "America/New_York", "Asia/Kolkata"] },
    locale: { examples: ["en-US", "fr-FR", "en-IN"] },
    environments: { uniqueItems: true, examples: [["dev", "prod"]] },
  };
  for (const [field, addition] of Object.entries(extra)) {
    const property = properties[field];
    if (!property) throw new Error(`org entry schema has no field "${field}"`);
    Object.assign(property, addition);
  }
  const { $schema, ...rest } = schema;
  return { $schema, $id: `https://cloudact.ai/schemas/${ORG_SCHEMA_FILE}`, title: "CloudAct organization registry entry", ...rest };
}

/** The file's exact text, as committed: two-space JSON and a final newline. */
export function renderOrgJsonSchema(): string {
  return `${JSON.stringify(orgJsonSchema(), null, 2)}\n`;
}

/** `organizations` -> `[oO][rR]...`: JSON Schema patterns have no case-insensitive flag. */
function anyCase(word: string): string {
  return [...word].map((char) => (char.toLowerCase() === char.toUpperCase() ? char : `[${char.toLowerCase()}${char.toUpperCase()}]`)).join("");
}

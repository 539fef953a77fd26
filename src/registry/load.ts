import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { Problem } from "../diagnostics/problem";
import { zodProblems } from "../diagnostics/zod-problems";
import { locateLine } from "../yaml/locate";
import { parseYaml } from "../yaml/load";
import { orgEntrySchema, type OrgEntry } from "./org-entry";
import { displayPath } from "../diagnostics/paths";

export interface RegisteredOrg {
  readonly entry: OrgEntry;
  /** Path of the registry file, as shown in messages. */
  readonly file: string;
}

export interface Registry {
  readonly orgs: readonly RegisteredOrg[];
  readonly problems: readonly Problem[];
}

const REGISTRY_FILE = /\.ya?ml$/;

/**
 * Reads every `orgs/<slug>.yaml`, validating each on its own and then the set as a whole
 * (file name equals slug, slugs unique case-insensitively, environments that exist).
 */
export function loadRegistry(dir: string, options: { knownEnvironments?: readonly string[]; cwd?: string } = {}): Registry {
  const cwd = options.cwd ?? process.cwd();
  const shown = displayPath(dir, cwd);
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    names = readdirSync(dir).filter((name) => REGISTRY_FILE.test(name)).sort();
  } catch {
    return { orgs: [], problems: [{ file: shown, line: 1, field: "(file)", message: "registry folder not found or not readable" }] };
  }
  const orgs: RegisteredOrg[] = [];
  const problems: Problem[] = [];
  const texts = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    const file = displayPath(path, cwd);
    const text = readFileSync(path, "utf8");
    texts.set(file, text);
    const result = parseOrgEntry(text, file);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const stem = basename(name).replace(REGISTRY_FILE, "");
    if (result.entry.org_slug !== stem) {
      problems.push({
        file,
        line: locateLine(text, ["org_slug"]),
        field: "org_slug",
        message: `"${result.entry.org_slug}" must equal the file name "${stem}" (rename the file to ${result.entry.org_slug}.yaml)`,
      });
      continue;
    }
    orgs.push({ entry: result.entry, file });
  }
  problems.push(...crossFileProblems(orgs, texts, options.knownEnvironments));
  return { orgs, problems };
}

export type ParsedOrgEntry = { ok: true; entry: OrgEntry } | { ok: false; problems: Problem[] };

/** Validates one registry file's text: the same rules `onboard` applies before writing one. */
export function parseOrgEntry(text: string, file: string): ParsedOrgEntry {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  if (parsed.value === null || typeof parsed.value !== "object" || Array.isArray(parsed.value)) {
    return { ok: false, problems: [{ file, line: 1, field: "(file)", message: "must be a YAML mapping of org fields" }] };
  }
  const result = orgEntrySchema.safeParse(parsed.value);
  if (!result.success) return { ok: false, problems: zodProblems(result.error, file, text) };
  return { ok: true, entry: result.data };
}

function crossFileProblems(
  orgs: readonly RegisteredOrg[],
  texts: ReadonlyMap<string, string>,
  knownEnvironments: readonly string[] | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const firstBySlug = new Map<string, RegisteredOrg>();
  for (const org of orgs) {
    const key = org.entry.org_slug.toLowerCase();
    const first = firstBySlug.get(key);
    const text = texts.get(org.file) ?? "";
    if (first) {
      problems.push({
        file: org.file,
        line: locateLine(text, ["org_slug"]),
        field: "org_slug",
        message: `"${org.entry.org_slug}" clashes with "${first.entry.org_slug}" in ${first.file} (slugs are unique ignoring case)`,
      });
    } else {
      firstBySlug.set(key, org);
    }
    if (knownEnvironments) problems.push(...unknownEnvironmentProblems(org.entry.environments, knownEnvironments, org.file, text));
  }
  return problems;
}

/** Every environment an org names must be served by a stack of this repository. */
export function unknownEnvironmentProblems(environments: readonly string[], knownEnvironments: readonly string[], file: string, text: string): Problem[] {
  return environments.flatMap((env, index) =>
    knownEnvironments.includes(env)
      ? []
      : [
          {
            file,
            line: locateLine(text, ["environments", index]),
            field: `environments[${index}]`,
            message: `no stack "${env}" (known: ${knownEnvironments.join(", ") || "none"}); add Pulumi.${env}.yaml or fix the name`,
          },
        ],
  );
}

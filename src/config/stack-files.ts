import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Problem } from "../diagnostics/problem";
import { displayPath } from "../diagnostics/paths";
import { parseYaml } from "../yaml/load";
import { locateLine } from "../yaml/locate";
import { PROJECT_NAME } from "./settings";

export interface StackFile {
  readonly stack: string;
  readonly file: string;
  readonly text: string;
  /** Pulumi's flat config map: full keys, string values, objects as JSON. Project defaults applied. */
  readonly config: Readonly<Record<string, string>>;
}

export const SECRET_PLACEHOLDER = "[secret]";

/** The stacks that have a `Pulumi.<stack>.yaml` in the project root. */
export function listStacks(root: string): string[] {
  return readdirSync(root)
    .map((name) => /^Pulumi\.([a-z][a-z0-9-]*)\.yaml$/.exec(name)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** Reads Pulumi.yaml's typed config defaults and Pulumi.<stack>.yaml's values into one config map. */
export function readStackFile(root: string, stack: string, cwd: string): { ok: true; stackFile: StackFile } | { ok: false; problems: Problem[] } {
  const projectPath = join(root, "Pulumi.yaml");
  const stackPath = join(root, `Pulumi.${stack}.yaml`);
  const file = displayPath(stackPath, cwd);
  if (!existsSync(stackPath)) {
    const known = existsSync(root) ? listStacks(root) : [];
    return {
      ok: false,
      problems: [{ file, line: 1, field: "(file)", message: `no such stack "${stack}" (known: ${known.join(", ") || "none"})` }],
    };
  }
  const problems: Problem[] = [];
  const config: Record<string, string> = {};
  if (existsSync(projectPath)) {
    const projectFile = displayPath(projectPath, cwd);
    const parsed = parseYaml(readFileSync(projectPath, "utf8"), projectFile);
    if (!parsed.ok) problems.push(parsed.problem);
    else Object.assign(config, projectDefaults(parsed.value));
  }
  const text = readFileSync(stackPath, "utf8");
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, problems: [...problems, parsed.problem] };
  const values = (parsed.value as { config?: unknown } | null)?.config;
  if (values !== undefined && values !== null) {
    if (typeof values !== "object" || Array.isArray(values)) {
      problems.push({ file, line: 1, field: "config", message: "must be a mapping of config keys to values" });
    } else {
      for (const [key, value] of Object.entries(values)) config[fullKey(key)] = configString(value);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, stackFile: { stack, file, text, config } };
}

function fullKey(key: string): string {
  return key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
}

function configString(value: unknown): string {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && "secure" in value) return SECRET_PLACEHOLDER;
  return JSON.stringify(value);
}

/** Pulumi.yaml `config:` entries: `key: {type, default, description}` or a bare value. */
function projectDefaults(project: unknown): Record<string, string> {
  const defaults: Record<string, string> = {};
  const section = (project as { config?: unknown } | null)?.config;
  if (section === null || typeof section !== "object") return defaults;
  for (const [key, spec] of Object.entries(section)) {
    if (spec !== null && typeof spec === "object" && !Array.isArray(spec)) {
      if ("default" in spec) defaults[fullKey(key)] = configString((spec as { default: unknown }).default);
    } else if (spec !== undefined) {
      defaults[fullKey(key)] = configString(spec);
    }
  }
  return defaults;
}

/** The line of a config key in a stack file, written with its namespace or (project keys) without; `key.sub` finds `key`. */
export function configKeyLine(text: string, key: string): number {
  const top = key.split(".")[0] ?? key;
  const full = locateLine(text, ["config", top]);
  if (full > 1 || !top.startsWith(`${PROJECT_NAME}:`)) return full;
  return locateLine(text, ["config", top.slice(PROJECT_NAME.length + 1)]);
}

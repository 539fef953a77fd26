import * as yaml from "js-yaml";
import type { Problem } from "../diagnostics/problem";

/** Registry and config files are small; anything larger is refused before parsing. */
export const MAX_YAML_BYTES = 256 * 1024;
/** Bounds the walk over a parsed document, so alias bombs (shared references) are refused quickly. */
export const MAX_YAML_NODES = 100_000;

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: Problem };

/** Parses YAML text safely (JSON-compatible schema, no custom tags), refusing huge or explosive input. */
export function parseYaml(text: string, file: string): Parsed {
  if (Buffer.byteLength(text, "utf8") > MAX_YAML_BYTES) {
    return fail(file, 1, `file is larger than ${MAX_YAML_BYTES / 1024} KiB; refusing to parse it`);
  }
  let value: unknown;
  try {
    value = yaml.load(text, { schema: yaml.JSON_SCHEMA, filename: file, json: false });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const line = (error.mark?.line ?? 0) + 1;
      return fail(file, line, `invalid YAML: ${error.reason}`);
    }
    throw error;
  }
  if (countNodes(value, MAX_YAML_NODES) > MAX_YAML_NODES) {
    return fail(file, 1, `document expands to more than ${MAX_YAML_NODES} nodes (YAML aliases?); refusing it`);
  }
  return { ok: true, value };
}

function fail(file: string, line: number, message: string): Parsed {
  return { ok: false, problem: { file, line, field: "(file)", message } };
}

/** Counts nodes as a naive walk would visit them (aliases counted each time), stopping past the limit. */
function countNodes(root: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count <= limit) {
    const node = stack.pop();
    count++;
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === "object") stack.push(...Object.values(node));
  }
  return count;
}

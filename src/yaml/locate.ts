/**
 * Finds the 1-based line of a field path in YAML or JSON text, for error messages. js-yaml does not
 * keep positions, so this walks the text: each path segment is searched after the previous one's
 * line. Array indexes are matched by counting `- ` items (YAML) or by the `name` of the element
 * when the caller provides it. Falls back to the deepest segment found, then to line 1.
 */
export function locateLine(text: string, path: readonly (string | number)[]): number {
  const lines = text.split(/\r?\n/);
  let from = 0;
  let found = 0;
  for (const segment of path) {
    const at = typeof segment === "number" ? findItem(lines, from, segment) : findKey(lines, from, segment);
    if (at < 0) break;
    found = at;
    from = at + (typeof segment === "number" ? 0 : 1);
  }
  return found + 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function findKey(lines: readonly string[], from: number, key: string): number {
  const pattern = new RegExp(`^\\s*(?:-\\s+)?["']?${escapeRegExp(key)}["']?\\s*:`);
  const inline = new RegExp(`["']?\\b${escapeRegExp(key)}\\b["']?\\s*:`);
  for (let i = from; i < lines.length; i++) if (pattern.test(lines[i] ?? "")) return i;
  for (let i = from; i < lines.length; i++) if (inline.test(lines[i] ?? "")) return i;
  return -1;
}

/** The line where the index-th item of the next YAML sequence or JSON array starts. */
function findItem(lines: readonly string[], from: number, index: number): number {
  let seen = -1;
  let indent = -1;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const match = /^(\s*)(-\s|\{)/.exec(line);
    if (!match) continue;
    const depth = match[1]?.length ?? 0;
    if (indent < 0) indent = depth;
    if (depth !== indent) continue;
    seen++;
    if (seen === index) return i;
  }
  return -1;
}

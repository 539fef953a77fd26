import { isAbsolute, relative } from "node:path";

/** A path as messages show it: relative to the working directory when it lies below it. */
export function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

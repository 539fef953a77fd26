import type { z } from "zod";
import type { Problem } from "./problem";
import { locateLine } from "../yaml/locate";

/** Turns zod issues into located problems: one per issue, one per unknown key. */
export function zodProblems(error: z.ZodError, file: string, text: string, prefix: readonly (string | number)[] = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.filter((part): part is string | number => typeof part !== "symbol")];
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ file, line: locateLine(text, [...path, key]), field: fieldName([...path, key]), message: "unknown key" });
      }
      continue;
    }
    const message = issue.code === "invalid_type" && /received undefined$/.test(issue.message) ? "is required" : issue.message;
    problems.push({ file, line: locateLine(text, path), field: fieldName(path), message });
  }
  return problems;
}

export function fieldName(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(file)";
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`)).join("");
}

import { readFileSync } from "node:fs";
import { InputError } from "../../diagnostics/problem";
import { catalogRowsSchema, type CatalogRows } from "./rows";
import type { CatalogReader } from "./reader";

const MAX_ISSUES_SHOWN = 5;

/** Validates snapshot text; anything but the snapshot format is an InputError (exit 2). */
export function parseSnapshot(text: string, file: string): CatalogRows {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file}: not a JSON snapshot (${detail})`);
  }
  const result = catalogRowsSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues;
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
      const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
      return `  ${issue.path.map(String).join(".") || "(root)"}: ${message}`;
    });
    const more = issues.length > MAX_ISSUES_SHOWN ? [`  ... and ${issues.length - MAX_ISSUES_SHOWN} more`] : [];
    throw new InputError(
      `${file}: not a status snapshot: expected {"schemata": [...], "columns": [...], "org_profiles": [...]} ` +
        `(rows of INFORMATION_SCHEMA.SCHEMATA, COLUMN_FIELD_PATHS and organizations.org_profiles)\n${[...shown, ...more].join("\n")}`,
    );
  }
  return result.data;
}

/** Reads a snapshot file; the scope is not needed since a snapshot holds what it holds. */
export class SnapshotCatalogReader implements CatalogReader {
  constructor(
    private readonly path: string,
    private readonly shownAs: string = path,
  ) {}

  async read(): Promise<CatalogRows> {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${this.shownAs}: cannot read the snapshot (${code === "ENOENT" ? "no such file" : code ?? String(error)})`);
    }
    return parseSnapshot(text, this.shownAs);
  }
}

/**
 * BigQuery's catalog spelling of types, as INFORMATION_SCHEMA `data_type` shows them
 * (`ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>`, `NUMERIC(10,2)`, `STRING(20)`), read into the same
 * canonical names as schema JSON (see columns.ts).
 *
 * The catalog cannot tell NULLABLE from REQUIRED: a catalog type carries only the canonical type
 * and whether it is repeated (ARRAY), so comparisons against the model use exactly that.
 */
import { canonicalType, columnKey, type CanonicalType, type Column, type FieldPath, type Mode } from "./columns";

/** A catalog type: canonical name (or the unknown name upper-cased), repeated-ness, STRUCT fields. */
export interface CatalogType {
  readonly type: string;
  readonly repeated: boolean;
  /** Present only for STRUCT (also inside ARRAY). */
  readonly fields?: readonly CatalogField[];
}

export interface CatalogField {
  readonly name: string;
  readonly type: CatalogType;
}

/** What catalog and model can both say about one field path. */
export interface TypeSignature {
  readonly type: string;
  readonly repeated: boolean;
}

export type CatalogTypeParse = { ok: true; type: CatalogType } | { ok: false; message: string };

type Token = { kind: "word"; text: string } | { kind: "punct"; text: "<" | ">" | "(" | ")" | "," } | { kind: "end" };

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === "<" || char === ">" || char === "(" || char === ")" || char === ",") {
      tokens.push({ kind: "punct", text: char });
      index += 1;
    } else if (char === "`") {
      const close = text.indexOf("`", index + 1);
      if (close < 0) return `unterminated \` at ${index + 1}`;
      tokens.push({ kind: "word", text: text.slice(index + 1, close) });
      index = close + 1;
    } else {
      const match = /^[A-Za-z0-9_.-]+/.exec(text.slice(index));
      if (!match) return `unexpected "${char}" at ${index + 1}`;
      tokens.push({ kind: "word", text: match[0] });
      index += match[0].length;
    }
  }
  tokens.push({ kind: "end" });
  return tokens;
}

class TypeParser {
  private position = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.position] ?? { kind: "end" };
  }

  private next(): Token {
    const token = this.peek();
    this.position += 1;
    return token;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.kind === "end" || token.text !== text) throw new Error(`expected "${text}"${token.kind === "end" ? " before the end" : `, found "${token.text}"`}`);
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === "punct" && token.text === text;
  }

  parseAll(): CatalogType {
    const type = this.parseType();
    const rest = this.peek();
    if (rest.kind !== "end") throw new Error(`unexpected "${rest.text}" after the type`);
    return type;
  }

  private parseType(): CatalogType {
    const token = this.next();
    if (token.kind !== "word") throw new Error(token.kind === "end" ? "a type is missing" : `expected a type, found "${token.text}"`);
    const name = token.text.toUpperCase();
    if (name === "ARRAY") {
      this.expect("<");
      const element = this.parseType();
      this.expect(">");
      if (element.repeated) throw new Error("ARRAY of ARRAY is not a BigQuery type");
      return { ...element, repeated: true };
    }
    if (name === "STRUCT" || name === "RECORD") {
      this.expect("<");
      const fields: CatalogField[] = [];
      while (!this.isPunct(">")) {
        const fieldName = this.next();
        if (fieldName.kind !== "word") throw new Error("expected a field name");
        fields.push({ name: fieldName.text, type: this.parseType() });
        this.skipConstraints();
        if (this.isPunct(",")) this.next();
        else if (!this.isPunct(">")) throw new Error(`expected "," or ">" after field ${fieldName.text}`);
      }
      this.expect(">");
      return { type: "STRUCT", repeated: false, fields };
    }
    if (this.isPunct("<")) {
      // RANGE<DATE> and other parameterised-by-type names: the element does not change identity.
      this.next();
      this.parseType();
      this.expect(">");
    } else if (this.isPunct("(")) {
      // STRING(20), NUMERIC(10,2): length, precision and scale are not part of identity here.
      this.next();
      while (!this.isPunct(")")) {
        if (this.peek().kind === "end") throw new Error(`unclosed "(" after ${name}`);
        this.next();
      }
      this.next();
    }
    this.skipConstraints();
    return { type: canonicalType(name) ?? name, repeated: false };
  }

  /** `NOT NULL` and `COLLATE 'x'`-free spellings only; catalog types do not carry more. */
  private skipConstraints(): void {
    const token = this.peek();
    if (token.kind === "word" && token.text.toUpperCase() === "NOT") {
      this.next();
      const nullWord = this.next();
      if (nullWord.kind !== "word" || nullWord.text.toUpperCase() !== "NULL") throw new Error('expected "NULL" after "NOT"');
    }
  }
}

/** Parses one INFORMATION_SCHEMA `data_type`. */
export function parseCatalogType(text: string): CatalogTypeParse {
  const tokens = tokenize(text);
  if (typeof tokens === "string") return { ok: false, message: tokens };
  try {
    return { ok: true, type: new TypeParser(tokens).parseAll() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A model column's signature: the canonical type and whether its mode is REPEATED. */
export function modelSignature(type: CanonicalType, mode: Mode): TypeSignature {
  return { type, repeated: mode === "REPEATED" };
}

export function sameSignature(a: TypeSignature, b: TypeSignature): boolean {
  return a.type === b.type && a.repeated === b.repeated;
}

/** GoogleSQL spelling of a signature: `INT64`, `ARRAY<STRUCT>`. */
export function formatSignature(signature: TypeSignature): string {
  return signature.repeated ? `ARRAY<${signature.type}>` : signature.type;
}

export interface CatalogFieldPath {
  readonly path: string;
  readonly signature: TypeSignature;
}

/**
 * Every path inside a catalog type, relative to `path`: the path itself and, for STRUCTs (also
 * repeated ones), each nested field as `path.field`, recursively.
 */
export function flattenCatalogType(path: string, type: CatalogType): CatalogFieldPath[] {
  const out: CatalogFieldPath[] = [{ path, signature: { type: type.type, repeated: type.repeated } }];
  for (const field of type.fields ?? []) out.push(...flattenCatalogType(`${path}.${field.name}`, field.type));
  return out;
}

/** Model field paths keyed the way catalog paths are (case-insensitive), with their signatures. */
export function modelPathSignatures(paths: readonly FieldPath[]): Map<string, { path: string; signature: TypeSignature }> {
  return new Map(paths.map((field) => [columnKey(field.path), { path: field.path, signature: modelSignature(field.type, field.mode) }]));
}

/** How INFORMATION_SCHEMA spells a declared column's type: `INT64`, `ARRAY<STRUCT<a STRING, b ARRAY<INT64>>>`. */
export function catalogTypeOf(column: Pick<Column, "type" | "mode" | "fields">): string {
  const base = column.type === "STRUCT" ? `STRUCT<${(column.fields ?? []).map((field) => `${field.name} ${catalogTypeOf(field)}`).join(", ")}>` : column.type;
  return column.mode === "REPEATED" ? `ARRAY<${base}>` : base;
}

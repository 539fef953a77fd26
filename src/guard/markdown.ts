/** Markdown pieces both guards use for their PR comments. Pure. */

/** GitHub refuses comments over 65,536 characters; the reports stay below, leaving room for CI's wrapping. */
export const MD_BUDGET = 60_000;
/** Per finding, at most this many detail lines; the rest are counted. */
const MD_DETAILS_PER_ITEM = 20;

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Inline code that survives any content. */
export function code(text: string): string {
  return "`" + text.replace(/`/g, "'") + "`";
}

/** One numbered finding: headline, context lines, its details (capped) and the fix. */
export function mdFinding(index: number, headline: string, context: readonly string[], details: readonly string[], fix: string): string {
  const shown = details.slice(0, MD_DETAILS_PER_ITEM);
  const hidden = details.length - shown.length;
  return [
    `${index + 1}. ${headline}`,
    ...context.map((line) => `   - ${line}`),
    ...shown.map((line) => `   - ${code(line)}`),
    ...(hidden > 0 ? [`   - ... ${hidden} more`] : []),
    `   - fix: ${fix}`,
  ].join("\n");
}

/** Room kept for the closing note that counts what was left out. */
const NOTE_RESERVE = 400;

/** Appends sections while they fit the budget and counts what did not, in one closing note. */
export class MarkdownBudget {
  private readonly parts: string[] = [];
  private readonly omitted: string[] = [];
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly fullReportCommand: string,
  ) {}

  add(text: string): void {
    this.parts.push(text);
    this.used += text.length + 2;
  }

  /** Adds a section's items in order until the next would not fit; the heading comes with the first item. */
  section<T>(heading: string, items: readonly T[], render: (item: T, index: number) => string, noun: string): void {
    let shown = 0;
    for (const item of items) {
      const text = render(item, shown);
      const block = shown === 0 ? `${heading}\n\n${text}` : text;
      if (this.used + block.length + 2 > this.limit - NOTE_RESERVE) break;
      this.add(block);
      shown += 1;
    }
    if (items.length > shown) this.omitted.push(plural(items.length - shown, noun));
  }

  toString(): string {
    const note = `_... ${this.omitted.join(", ")} not shown to keep this comment under GitHub's size limit; run \`${this.fullReportCommand}\` for the full report._`;
    return [...this.parts, ...(this.omitted.length > 0 ? [note] : [])].join("\n\n") + "\n";
  }
}


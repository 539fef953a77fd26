import type { RuleCode } from "./rules";

/** One rule a step breaks, with the specifics (columns, properties) that break it. */
export interface Finding {
  readonly code: RuleCode;
  readonly details: readonly string[];
}

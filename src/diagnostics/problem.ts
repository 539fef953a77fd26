/** One thing wrong with the input, located as precisely as the input allows. */
export interface Problem {
  /** Path of the file, relative to the working directory when possible. */
  readonly file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  readonly line: number;
  /** Dotted field path inside the file, or `(file)` for the file as a whole. */
  readonly field: string;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.field}: ${problem.message}`;
}

/** Raised when input is invalid; carries every problem found, never a partial list. */
export class ValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ValidationError";
  }
}

/** Raised when input cannot be read at all (missing file, not JSON): exit status 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

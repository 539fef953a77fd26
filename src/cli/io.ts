/** What a command may touch of the outside world; tests pass a recording fake. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
}

/** A command takes its own arguments (after the command words) and returns the exit status. */
export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

export const EXIT_OK = 0;
/** The check found a problem: invalid input, violations, out of sync with --check. */
export const EXIT_PROBLEM = 1;
/** Usage error or unreadable input. */
export const EXIT_USAGE = 2;

/** A usage mistake: printed with the command's usage line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function processIo(): CliIo {
  // A closed pipe (`cloudact plan --json | head`) is not an error of ours.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

/** A recording io for tests. */
export function memoryIo(options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): CliIo & {
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readStdin: async () => options.stdin ?? "",
  };
}

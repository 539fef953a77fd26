import { formatProblem, InputError, ValidationError } from "../diagnostics/problem";
import { EXIT_PROBLEM, EXIT_USAGE, UsageError, processIo, type CliIo, type Command } from "./io";
import { COMMANDS } from "./commands";

const USAGE = `usage: cloudact <command> [options]

commands:
${COMMANDS.map((command) => `  ${command.usage}`).join("\n")}

exit status: 0 ok, 1 the check found a problem, 2 usage error or unreadable input
`;

/** Finds the longest command words that match the arguments (e.g. `guard plan`). */
function resolve(args: readonly string[]): { run: Command; rest: readonly string[] } | undefined {
  const sorted = [...COMMANDS].sort((a, b) => b.words.length - a.words.length);
  for (const command of sorted) {
    if (command.words.every((word, index) => args[index] === word)) return { run: command.run, rest: args.slice(command.words.length) };
  }
  return undefined;
}

export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    io.stdout(USAGE);
    return args.length === 0 ? EXIT_USAGE : 0;
  }
  const command = resolve(args);
  if (!command) {
    io.stderr(`cloudact: unknown command "${args.join(" ")}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(command.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cloudact: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      io.stderr(`cloudact: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ValidationError) {
      for (const problem of error.problems) io.stderr(formatProblem(problem) + "\n");
      return EXIT_PROBLEM;
    }
    throw error;
  }
}

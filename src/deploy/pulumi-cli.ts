/**
 * The one door to the Pulumi CLI. Only `pulumi preview` and `pulumi up` go through, and never with
 * a flag that replaces, ignores protection or skips the preview.
 */
import { spawn } from "node:child_process";
import { InputError } from "../diagnostics/problem";

export interface PulumiRun {
  /** Arguments after `pulumi`, e.g. ["preview", "--json", "--stack", "dev"]. */
  readonly args: readonly string[];
  readonly cwd: string;
  /** Extra environment for the program (merged over the CLI's own). */
  readonly env?: Readonly<Record<string, string>>;
  /** Called with output as it arrives; stdout is also returned whole. */
  readonly onStdout?: (text: string) => void;
  readonly onStderr?: (text: string) => void;
}

export interface PulumiResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PulumiCli {
  run(run: PulumiRun): Promise<PulumiResult>;
}

export const PULUMI_INSTALL_URL = "https://www.pulumi.com/docs/install/";

export class PulumiNotInstalledError extends InputError {
  constructor() {
    super(`the Pulumi CLI is not installed: see README (${PULUMI_INSTALL_URL})`);
    this.name = "PulumiNotInstalledError";
  }
}

const ALLOWED_COMMANDS = new Set(["preview", "up"]);
/** Flags that replace resources, override protection or apply without a preview (`-f` is --skip-preview). */
export const FORBIDDEN_FLAGS = ["--target-replace", "--replace", "--ignore-protect", "--force", "--skip-preview", "--remove"];

/** Throws when an invocation is anything but a plain preview or up. */
export function assertSafeInvocation(args: readonly string[]): void {
  const [command] = args;
  if (command === undefined || !ALLOWED_COMMANDS.has(command)) throw new Error(`refusing to run \`pulumi ${args.join(" ")}\`: only preview and up are run`);
  for (const arg of args) {
    const flag = arg.split("=")[0] ?? arg;
    if (FORBIDDEN_FLAGS.includes(flag) || flag === "-f") throw new Error(`refusing to run \`pulumi ${args.join(" ")}\`: ${flag} is never used`);
  }
}

/** A PulumiCli that spawns `binary` (found on the PATH of `env`). */
export function spawnPulumiCli(options: { binary?: string; env?: Readonly<Record<string, string | undefined>> } = {}): PulumiCli {
  const binary = options.binary ?? "pulumi";
  return {
    run: (run) =>
      new Promise((resolve, reject) => {
        assertSafeInvocation(run.args);
        const child = spawn(binary, [...run.args], { cwd: run.cwd, env: { ...(options.env ?? process.env), ...run.env }, stdio: ["ignore", "pipe", "pipe"] });
        const stdout: string[] = [];
        const stderr: string[] = [];
        child.stdout.setEncoding("utf8").on("data", (text: string) => {
          stdout.push(text);
          run.onStdout?.(text);
        });
        child.stderr.setEncoding("utf8").on("data", (text: string) => {
          stderr.push(text);
          run.onStderr?.(text);
        });
        child.on("error", (error: NodeJS.ErrnoException) => reject(error.code === "ENOENT" ? new PulumiNotInstalledError() : new InputError(`cannot run ${binary}: ${error.message}`)));
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout: stdout.join(""), stderr: stderr.join("") }));
      }),
  };
}

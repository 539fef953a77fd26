/** Runs a benchmark child (a TypeScript file under bench/children) in its own node process. */
import { spawn } from "node:child_process";
import { join } from "node:path";

export interface ChildOptions {
  /** --max-old-space-size, in MB. */
  readonly heapMb?: number;
  /** Write a V8 CPU profile (.cpuprofile) into this folder. */
  readonly cpuProfDir?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ChildRun {
  /** Spawn to exit, as the parent saw it. */
  readonly wallMs: number;
  readonly exitCode: number;
  /** The JSON object the child printed last, if any. */
  readonly result: Record<string, unknown> | undefined;
  readonly stderr: string;
}

export const REPO_ROOT = join(__dirname, "..", "..");

/** `node [flags] --import tsx bench/children/<name>.ts args...` */
export function runChild(name: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  return runNode([join(REPO_ROOT, "bench", "children", `${name}.ts`), ...args], options);
}

/** `node [flags] --import tsx <script> args...` from the repo root. */
export function runNode(args: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  const flags = ["--import", "tsx"];
  if (options.heapMb) flags.unshift(`--max-old-space-size=${options.heapMb}`);
  if (options.cpuProfDir) flags.unshift("--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      // Keep only the tail: the result is the last line.
      stdout = (stdout + chunk).slice(-64 * 1024);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-16 * 1024);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      resolve({ wallMs, exitCode: code ?? 1, result: lastJson(stdout), stderr });
    });
  });
}

function lastJson(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.trimEnd().split("\n").pop() ?? "";
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A numeric field of a child's result; throws with the child's stderr when it is missing. */
export function resultNumber(run: ChildRun, key: string): number {
  const value = run.result?.[key];
  if (typeof value !== "number") throw new Error(`child result has no "${key}" (exit ${run.exitCode}):\n${run.stderr}`);
  return value;
}

/**
 * Reads files as they were at a git ref. The schema guard sees git only through `GitReader`, so
 * tests can pass a fake; `gitReader(dir)` runs the real `git` binary.
 */
import { execFile } from "node:child_process";
import { InputError } from "../../diagnostics/problem";

export interface GitReader {
  /** The absolute path of the work tree's top level. */
  topLevel(): Promise<string>;
  /** The commit a ref names; an InputError when the ref is unknown. */
  resolveCommit(ref: string): Promise<string>;
  /** Paths (relative to the top level) of every file under `dir` at `commit`; empty when absent. */
  listFiles(commit: string, dir: string): Promise<string[]>;
  /** The text of a file at `commit`, or undefined when it does not exist there. */
  readFile(commit: string, path: string): Promise<string | undefined>;
}

interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_OUTPUT = 256 * 1024 * 1024;

function runGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile("git", ["-C", cwd, ...args], { maxBuffer: MAX_OUTPUT, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === "ENOENT") {
        reject(new InputError("git is not installed or not on PATH; --base needs it"));
        return;
      }
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

/** A GitReader over the repository that contains `dir`. */
export function gitReader(dir: string): GitReader {
  return {
    async topLevel() {
      const result = await runGit(dir, ["rev-parse", "--show-toplevel"]);
      if (result.code !== 0) throw new InputError(`${dir} is not inside a git repository: ${firstLine(result.stderr)}`);
      return result.stdout.trim();
    },
    async resolveCommit(ref) {
      if (ref.startsWith("-")) throw new InputError(`unknown git ref "${ref}"`);
      const result = await runGit(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
      if (result.code !== 0) throw new InputError(`unknown git ref "${ref}" (try \`git fetch\`, or name the merge base: --base origin/main)`);
      return result.stdout.trim();
    },
    async listFiles(commit, path) {
      const result = await runGit(dir, ["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", path]);
      if (result.code !== 0) throw new InputError(`git ls-tree ${commit} ${path} failed: ${firstLine(result.stderr)}`);
      return result.stdout.split("\0").filter((name) => name !== "");
    },
    async readFile(commit, path) {
      const result = await runGit(dir, ["show", `${commit}:${path}`]);
      return result.code === 0 ? result.stdout : undefined;
    },
  };
}

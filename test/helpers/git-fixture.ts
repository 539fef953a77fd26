/**
 * A throwaway git repository holding a copy of a fixture tree, for tests that run the schema guard
 * against `--base HEAD~1`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GUARD_FIXTURE = join(__dirname, "..", "fixtures", "guard-schema", "repo");

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "guard test",
  GIT_AUTHOR_EMAIL: "guard-test@example.invalid",
  GIT_COMMITTER_NAME: "guard test",
  GIT_COMMITTER_EMAIL: "guard-test@example.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
};

export class FixtureRepo {
  private constructor(readonly dir: string) {}

  /** A new repository whose first commit is the fixture tree. */
  static create(fixture = GUARD_FIXTURE): FixtureRepo {
    const dir = mkdtempSync(join(tmpdir(), "cloudact-guard-"));
    cpSync(fixture, dir, { recursive: true });
    const repo = new FixtureRepo(dir);
    repo.git("init", "--quiet", "--initial-branch=main");
    repo.commit("fixture");
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync("git", ["-C", this.dir, "-c", "commit.gpgsign=false", ...args], { env: GIT_ENV, encoding: "utf8" });
  }

  commit(message: string): void {
    this.git("add", "--all");
    this.git("commit", "--quiet", "--allow-empty", "-m", message);
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), "utf8");
  }

  write(file: string, text: string): void {
    writeFileSync(this.path(file), text);
  }

  edit(file: string, change: (text: string) => string): void {
    const before = this.read(file);
    const after = change(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing`);
    this.write(file, after);
  }

  editJson<T>(file: string, change: (value: T) => T): void {
    this.write(file, JSON.stringify(change(JSON.parse(this.read(file)) as T), null, 2) + "\n");
  }

  remove(file: string): void {
    rmSync(this.path(file), { recursive: true });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

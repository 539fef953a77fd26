/**
 * The snapshot at a git ref: the files the guard reads are copied out of git into a temporary
 * folder with the work tree's layout, then read by the same loaders as the working tree.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative } from "node:path";
import { realpathSync } from "node:fs";
import { InputError } from "../../diagnostics/problem";
import type { GitReader } from "./git";
import { loadSnapshot, type RepoSnapshot, type SnapshotPaths } from "./snapshot";

const STACK_FILE = /^Pulumi(\.[a-z][a-z0-9-]*)?\.yaml$/;

/** `path` relative to the repository's top level, in git's spelling; an InputError outside it. */
export function repoRelative(topLevel: string, path: string): string {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const rel = relative(real(topLevel), real(path));
  if (rel.startsWith("..") || isAbsolute(rel)) throw new InputError(`${path} is outside the git repository at ${topLevel}`);
  return rel.split("\\").join("/");
}

async function copyTree(git: GitReader, commit: string, from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const prefix = from === "" ? "" : `${from}/`;
  for (const file of await git.listFiles(commit, from === "" ? "." : from)) {
    const text = await git.readFile(commit, file);
    if (text === undefined) continue;
    const target = join(to, file.slice(prefix.length));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

/** Loads the snapshot of `paths` as it was at `commit`. */
export async function loadBaseSnapshot(git: GitReader, commit: string, paths: SnapshotPaths): Promise<RepoSnapshot> {
  const topLevel = await git.topLevel();
  const root = repoRelative(topLevel, paths.root);
  const schemas = repoRelative(topLevel, paths.schemasDir);
  const orgs = repoRelative(topLevel, paths.orgsDir);
  const dir = await mkdtemp(join(tmpdir(), "cloudact-base-"));
  try {
    // Files keep their repository paths, so messages about the base name them as git does.
    const base: SnapshotPaths = { root: join(dir, root), schemasDir: join(dir, schemas), orgsDir: join(dir, orgs), cwd: dir };
    await mkdir(base.root, { recursive: true });
    const rootPrefix = root === "" ? "" : `${root}/`;
    for (const file of await git.listFiles(commit, root === "" ? "." : root)) {
      const name = file.slice(rootPrefix.length);
      if (name.includes("/") || !STACK_FILE.test(name)) continue;
      const text = await git.readFile(commit, file);
      if (text !== undefined) await writeFile(join(base.root, name), text);
    }
    await copyTree(git, commit, schemas, base.schemasDir);
    await copyTree(git, commit, orgs, base.orgsDir);
    return loadSnapshot(base);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

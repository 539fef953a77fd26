import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatProblem, InputError } from "../diagnostics/problem";
import { displayPath } from "../diagnostics/paths";
import { projectPaths } from "../project/load";
import { loadStatusModel } from "../status/load-model";
import { compareCatalog, stackDatasets } from "../status/compare";
import { isAllSynced } from "../status/report";
import { renderJson, renderText } from "../status/render";
import { startProgress } from "../status/progress";
import type { CatalogReader, CatalogScope } from "../status/catalog/reader";
import { SnapshotCatalogReader } from "../status/catalog/snapshot-reader";
import { LiveCatalogReader, bigQueryClient, defaultBigQuery } from "../status/catalog/live-reader";
import { REPO_OPTIONS, parseCommandArgs } from "./args";
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliIo, type Command } from "./io";
import { repoRoot } from "./root";

export const STATUS_USAGE =
  "cloudact status --stack S [--org SLUG] [--json] [--check] [--snapshot FILE | --write-snapshot FILE] [--progress] [--orgs DIR] [--schemas DIR]";

const OPTIONS = {
  ...REPO_OPTIONS,
  stack: { type: "string", short: "s" },
  org: { type: "string" },
  json: { type: "boolean" },
  check: { type: "boolean" },
  snapshot: { type: "string" },
  "write-snapshot": { type: "string" },
  progress: { type: "boolean" },
} as const;

/** Test seam: how the command gets a reader for a live read (the default talks to BigQuery). */
export type LiveReaderFactory = (scope: CatalogScope, stack: string, onProgress: (message: string) => void) => CatalogReader;

const defaultLiveReader: LiveReaderFactory = (scope, stack, onProgress) =>
  new LiveCatalogReader({ client: bigQueryClient(defaultBigQuery(scope)), stack, onProgress });

/**
 * Compares what the model declares for the stack with what BigQuery holds (or a snapshot of it).
 * Exit 0, or with --check 1 unless every scope is SYNCED; 1 on invalid repo input; 2 on usage
 * errors and unreadable snapshots or catalogs.
 */
export function makeStatusCommand(liveReader: LiveReaderFactory = defaultLiveReader): Command {
  return async (args: readonly string[], io: CliIo): Promise<number> => {
    const { values } = parseCommandArgs(args, OPTIONS);
    if (values.help) {
      io.stdout(`usage: ${STATUS_USAGE}\n`);
      return EXIT_OK;
    }
    if (!values.stack) throw new UsageError("--stack is required");
    if (values.snapshot && values["write-snapshot"]) throw new UsageError("--write-snapshot saves a live read; it cannot be combined with --snapshot");
    if (values.org !== undefined && values.org.trim() === "") throw new UsageError("--org needs an org slug");
    const paths = projectPaths(repoRoot(), io.cwd, { orgs: values.orgs, schemas: values.schemas });
    const loaded = loadStatusModel(paths, values.stack);
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.stderr(formatProblem(problem) + "\n");
      io.stderr(`invalid input: no status (${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"})\n`);
      return EXIT_PROBLEM;
    }
    const { model } = loaded;
    for (const warning of loaded.warnings) io.stderr(`warning: ${warning} (pulumi up would stop here; status goes on)\n`);
    const scope: CatalogScope = {
      project: model.settings.project,
      location: model.settings.location,
      centralDataset: model.bootstrap.datasetId,
      datasets: stackDatasets(model),
    };
    const progress = startProgress((text) => io.stderr(text), { enabled: values.progress === true || (process.stderr.isTTY === true && io.env.CI === undefined) });
    try {
      const reader = values.snapshot
        ? new SnapshotCatalogReader(resolve(io.cwd, values.snapshot), displayPath(resolve(io.cwd, values.snapshot), io.cwd))
        : liveReader(scope, values.stack, (message) => progress.phase(message));
      progress.phase(values.snapshot ? "reading the snapshot" : "reading BigQuery");
      const rows = await reader.read(scope);
      const target = values["write-snapshot"];
      if (target) {
        try {
          writeFileSync(resolve(io.cwd, target), JSON.stringify(rows, null, 1) + "\n");
        } catch (error) {
          throw new InputError(`cannot write the snapshot ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
      }
      progress.phase("comparing");
      const report = compareCatalog(model, rows, { registry: loaded.inputs.registry.orgs, org: values.org });
      progress.done();
      io.stdout(values.json ? renderJson(report) : renderText(report));
      return values.check && !isAllSynced(report) ? EXIT_PROBLEM : EXIT_OK;
    } finally {
      progress.done();
    }
  };
}

export const statusCommand: Command = makeStatusCommand();

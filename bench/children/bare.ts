/**
 * Benchmark child: the bare registration baseline, under the same mock runtime as `plan`.
 *   node --import tsx bench/children/bare.ts --template FILE --orgs N
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_NAME } from "../../src/config/settings";
import { runUnderMocks } from "../../src/plan/mock-runtime";
import { reportResult, sampleUsage } from "../lib/usage";
import { countDebuggablePromises } from "../lib/promises";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { template: { type: "string" }, orgs: { type: "string" }, stack: { type: "string", default: "dev" } } });
  if (!values.template || !values.orgs) throw new Error("--template FILE and --orgs N are required");
  process.env.BENCH_TEMPLATE = values.template;
  process.env.BENCH_ORGS = values.orgs;
  const stop = sampleUsage();
  const promises = countDebuggablePromises();
  const started = performance.now();
  const registrations = await runUnderMocks({ program: join(__dirname, "bare-program.ts"), project: PROJECT_NAME, stack: values.stack, config: {} });
  const evalMs = performance.now() - started;
  reportResult({ debuggablePromises: promises(), evalMs: Math.round(evalMs), registrations: registrations.length, customResources: registrations.length, ...stop() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

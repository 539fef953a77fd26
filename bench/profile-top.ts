/**
 * Summarises a V8 CPU profile (node --cpu-prof): the top frames by self time, and by package.
 *   node --import tsx bench/profile-top.ts FILE.cpuprofile [N=15]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function packageOf(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match?.[1]) return match[1];
  if (url.startsWith("node:") || url === "") return url === "" ? "(native/gc)" : "node internals";
  return "cloudact (repo)";
}

function top(map: Map<string, number>, total: number, count: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
}

const [file, limit] = process.argv.slice(2);
if (!file) throw new Error("usage: bench/profile-top.ts FILE.cpuprofile [N]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const frames = new Map<string, number>();
const packages = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  const node = byId.get(id);
  if (!node) return;
  total += delta;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/main\//, "")}:${lineNumber + 1}` : "";
  const name = `${functionName || "(anonymous)"} ${where}`;
  frames.set(name, (frames.get(name) ?? 0) + delta);
  packages.set(packageOf(url), (packages.get(packageOf(url)) ?? 0) + delta);
});
const count = Number(limit ?? 15);
console.log(`${(total / 1e6).toFixed(1)} s sampled\nby package:\n${top(packages, total, 8).join("\n")}\ntop frames by self time:\n${top(frames, total, count).join("\n")}`);

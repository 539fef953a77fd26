/** An io whose output lines carry a `[stack]` prefix, so concurrent stacks' output stays readable. */
import type { CliIo } from "../cli/io";

function prefixer(prefix: string, write: (text: string) => void): (text: string) => void {
  let pending = "";
  return (text) => {
    const lines = (pending + text).split("\n");
    pending = lines.pop() ?? "";
    if (lines.length > 0) write(lines.map((line) => `${prefix}${line}\n`).join(""));
  };
}

export function prefixedIo(io: CliIo, label: string): CliIo {
  const prefix = `[${label}] `;
  return { ...io, stdout: prefixer(prefix, (text) => io.stdout(text)), stderr: prefixer(prefix, (text) => io.stderr(text)) };
}

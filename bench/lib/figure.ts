/** One printed benchmark figure, and what every figure function receives. */
export interface Figure {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly pass: boolean;
  /** Extra numbers shown under the figure (absolute times, CPU, heap...). */
  readonly detail?: string;
}

export interface BenchContext {
  /** `--quick`: the small sizes only. */
  readonly quick: boolean;
  /** Write CPU profiles of the plan children here (`--profile DIR`). */
  readonly profileDir: string | undefined;
  /** A temp folder for this run's generated inputs. */
  readonly workDir: string;
  log(message: string): void;
}

/** A benchmark: one function that measures and returns its figures. */
export interface Benchmark {
  readonly id: string;
  /** Only in a full run, not with --quick. */
  readonly full?: boolean;
  run(context: BenchContext): Promise<Figure[]>;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatFigure(figure: Figure): string {
  const line = `${figure.pass ? "PASS" : "MISS"}  ${figure.name.padEnd(44)} ${figure.value.padEnd(46)} target ${figure.target}`;
  return figure.detail ? `${line}\n      ${figure.detail}` : line;
}

/**
 * Progress on stderr for slow reads: silent for the first `delayMs`, then the current phase and
 * each later one. Disabled unless stderr is a terminal or --progress was given, so tests stay quiet.
 */

export interface Progress {
  phase(message: string): void;
  done(): void;
}

export const SILENT: Progress = { phase: () => undefined, done: () => undefined };

export function startProgress(write: (text: string) => void, options: { enabled: boolean; delayMs?: number; now?: () => number }): Progress {
  if (!options.enabled) return SILENT;
  const now = options.now ?? Date.now;
  const started = now();
  let current = "starting";
  let visible = false;
  let finished = false;
  const show = () => write(`cloudact status: ${current} (${((now() - started) / 1000).toFixed(1)} s)\n`);
  const timer = setTimeout(() => {
    visible = true;
    show();
  }, options.delayMs ?? 1_000);
  timer.unref();
  return {
    phase(message) {
      current = message;
      if (visible) show();
    },
    done() {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (visible) write(`cloudact status: done in ${((now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}

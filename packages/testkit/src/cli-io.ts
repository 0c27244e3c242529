/** The `io` a CLI's main() prints through (one call a line), and what it printed. */
export interface CapturedIo {
  io: { out(line: string): void; err(line: string): void; cwd: string };
  /** The lines printed on each stream, in order. */
  out: string[];
  err: string[];
  /** Each stream as a terminal would show it: every line ended by a newline. */
  stdout(): string;
  stderr(): string;
}

/** An io that keeps what a CLI prints instead of writing it; `cwd` is where its relative paths start. */
export function captureIo(cwd = process.cwd()): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
  return {
    io: { out: (line) => void out.push(line), err: (line) => void err.push(line), cwd },
    out,
    err,
    stdout: () => text(out),
    stderr: () => text(err),
  };
}

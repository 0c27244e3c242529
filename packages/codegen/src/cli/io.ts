/** Where a command prints and which folder relative paths start from; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
};

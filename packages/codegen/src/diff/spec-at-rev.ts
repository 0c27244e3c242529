// Materialises spec/ as it was at a git revision in a temp folder, so cross-spec $refs resolve against
// the same revision when bundling the base side of a diff.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

/** Copies `<specPath>/**` (relative to repoRoot) at `rev` into a new temp dir and returns it (empty if the folder did not exist then). */
export async function specDirAtRev(repoRoot: string, rev: string, specPath = 'spec'): Promise<string> {
  try {
    await git(repoRoot, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    throw new Error(`--base ${rev}: not a git revision in ${repoRoot}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'onelink-spec-base-'));
  // Specs at the repository root (a team's api.yaml next to package.json) list the whole tree.
  const prefix = specPath === '' || specPath === '.' ? '' : `${specPath.split('\\').join('/')}/`;
  const listing = await git(repoRoot, ['ls-tree', '-r', '--name-only', '-z', rev, '--', prefix || '.']);
  for (const file of listing.split('\0').filter(Boolean)) {
    const content = await run('git', ['show', `${rev}:${file}`], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'buffer',
    });
    const target = join(dir, file.slice(prefix.length));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content.stdout);
  }
  return dir;
}

/** The repository a folder belongs to, for `--base <rev>`; names the folder when it is not in one. */
export async function gitRoot(dir: string): Promise<string> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new Error(`${dir} is not inside a git repository, so --base cannot name a revision`);
  }
}

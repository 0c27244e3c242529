// Summarises a `node --cpu-prof` profile the way issue notes quote it: self time by package and by
// function, largest first. `pnpm bench:gateway` prints it for each gateway profile when BENCH_CPU_PROF
// is set; by hand: `pnpm exec tsx packages/gateway/bench/profile-top.ts <file.cpuprofile>`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)']);

/** Where a frame's code lives: an npm package, a workspace package (gateway: by room), or Node. */
function ownerOf(url: string): string {
  if (url === '') return '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return url.includes('deps/undici') ? 'undici (fetch)' : 'node core';
  const gateway = /packages\/gateway\/src\/(?:([^/]+)\/)?/.exec(url);
  if (gateway) return `gateway ${gateway[1] ?? 'src'}`;
  const workspace = /\/(packages\/[^/]+|mock|generated)\//.exec(url);
  return workspace?.[1] ?? url.slice(-40);
}

export function profileTop(file: string, rows = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    total += dt;
    const name = frame.functionName || '(anonymous)';
    const owner = SPECIAL.has(name) ? name : ownerOf(frame.url);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + dt);
    const where = frame.url ? `${ownerOf(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
  });
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(
        ([name, us]) =>
          `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`,
      )
      .join('\n');
  return `${file}: ${(total / 1000).toFixed(0)} ms sampled\nself time by package:\n${list(byOwner)}\nself time by function:\n${list(byFunction)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) console.log(profileTop(file));
}

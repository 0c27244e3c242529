import { describe, expect, it } from 'vitest';
import { installedApp } from './support/installed-app.js';
import { run } from './support/run.js';
import { copyFixture } from './support/scratch.js';

// The installed .d.ts under the two resolutions TypeScript teams use. check.ts (every package, the
// per-spec subpath and the runtime) must compile; wrong-field.ts, which spells merchantID as
// merchantId, must be the only file that fails, naming the field.
const appDir = await installedApp();

describe.each(['nodenext', 'bundler'])('moduleResolution %s', (resolution) => {
  it('accepts the right types and refuses a wrong field name', async () => {
    const dir = copyFixture('types', appDir, 'merchant-body.ts');
    const got = await run('npx', ['--no-install', 'tsc', '-p', `tsconfig.${resolution}.json`], { cwd: dir });
    const errors = got.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(got.code, got.stdout).toBe(2);
    expect(errors, got.stdout).toHaveLength(1);
    expect(errors[0]).toMatch(/^wrong-field\.ts\(\d+,\d+\): error TS2561: /);
    expect(errors[0]).toContain("'merchantId' does not exist");
    expect(errors[0]).toContain("Did you mean to write 'merchantID'?");
  });
});

// pnpm mock:build  — validate fixtures, write mock/dist/<spec>.mock.yaml and mock/SCENARIOS.md.
// pnpm mock:check  — (mock-build --check) validate fixtures against the specs (drift) and fail when
//                    mock/SCENARIOS.md is stale; writes nothing.
import { runMockBuild } from '@onelink-kit/mock';

process.exitCode = runMockBuild(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

// pnpm mock:fixtures [--check] — (re)writes every synthetic fixture in mock/fixtures (1LINK P2M QR,
// SNAP card binding, Link Based Payments). A fixture recorded from the sandbox is never overwritten.
import { runMockFixtures } from '@onelink-kit/mock';

process.exitCode = runMockFixtures(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

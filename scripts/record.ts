// pnpm record — record 1LINK exchanges as fixtures with the real client. See mock/README.md.
import { runRecord } from '@onelink-kit/mock';

const code = await runRecord(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
// process.exit, not exitCode: idle keep-alive sockets of the last request must not hold the process open.
process.exit(code);

// `pnpm sign`: the signing CLI of @onelink-kit/signing (its src/cli.ts), handed argv, the environment it
// reads secrets from and the console.
import { main, processIo } from '@onelink-kit/signing/cli';

process.exitCode = await main(process.argv.slice(2), process.env, processIo);

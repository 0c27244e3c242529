// `pnpm qr`: the QR command line of @onelink-kit/emvqr (its main), handed argv and the console.
import { main } from '@onelink-kit/emvqr/cli';

process.exitCode = await main(process.argv.slice(2));

// `pnpm gen`, `pnpm gen:check`, `pnpm spec:diff`: the onelink-codegen command line of @onelink-kit/codegen
// (its main), handed argv and the console.
import { main } from '@onelink-kit/codegen/cli';

process.exitCode = await main(process.argv.slice(2));

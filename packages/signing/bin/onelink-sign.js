#!/usr/bin/env node
// Committed stub so the bin exists before `pnpm build` (a bin pointing into dist/ warns on every fresh
// install). dist/cli.js runs itself only when it is the program, so the stub calls its main.
import { main, processIo } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2), process.env, processIo);

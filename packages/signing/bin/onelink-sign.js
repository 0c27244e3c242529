#!/usr/bin/env node
// Committed stub so the bin exists before `pnpm build` (a bin pointing into dist/ warns on every fresh
// install). The CLI module only exports main; this stub is the program.
import { main, processIo } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2), process.env, processIo);

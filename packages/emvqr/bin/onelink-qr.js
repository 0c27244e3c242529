#!/usr/bin/env node
// Committed stub so the bin exists before `pnpm build` (a bin pointing into dist/ warns on every fresh
// install); the CLI itself is built to dist/ and runs when imported.
import '../dist/cli.js';

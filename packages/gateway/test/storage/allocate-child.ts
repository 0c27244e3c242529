// Child process for the cross-process allocator test: allocates N STAN/RRN pairs against the
// database named in argv and prints them as JSON on stdout.
import type { DatabaseTarget } from '../../src/database-target.js';
import { closeDatabase, createDatabase } from '../../src/storage/database.js';
import { createRrnAllocator } from '../../src/storage/rrn-allocator.js';

const target = JSON.parse(process.argv[2] ?? '') as DatabaseTarget;
const count = Number(process.argv[3] ?? '0');
const blockSize = Number(process.argv[4] ?? '1');
const db = createDatabase(target);
const allocator = createRrnAllocator(db, undefined, { blockSize });
const out: string[] = [];
// Interleave async allocations so Postgres sees concurrent upserts from this process too.
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (out.length < count) {
      const { rrn } = await allocator.allocate();
      out.push(rrn);
    }
  }),
);
await closeDatabase(db);
process.stdout.write(JSON.stringify(out.slice(0, count)));

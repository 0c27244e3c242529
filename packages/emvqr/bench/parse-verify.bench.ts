/**
 * Throughput of parse+verify on realistic 120–250 character payloads (Raast P2M QRs as the mock
 * upstream returns them, plus published national-scheme payloads). Each task call handles a batch
 * so tinybench's per-call timer overhead does not dominate a microsecond operation.
 * Run: pnpm bench:qr
 */
import os from 'node:os';
import { Bench } from 'tinybench';
import { build, crc16, fieldsFromRequest, parse, toRaastP2M, verify } from '../src/index.js';
import { PUBLIC_VECTORS } from '../test/vectors.js';

const TARGET = 200_000;
const names = [
  'Karachi Biryani House',
  'Lahore Chai Khana',
  'Quetta Cafe',
  'Peshawar Chapli Kabab',
  'Multan Sohan Halwa',
];
const towns = ['Karachi', 'Lahore', 'Quetta', 'Peshawar', 'Multan', 'Islamabad'];

const raast = Array.from({ length: 60 }, (_, i) =>
  build(
    fieldsFromRequest(
      {
        merchantDetails: {
          dbaName: names[i % names.length]!,
          iban: `PK36SCBL${String(1_000_000_000_000_000n + BigInt(i * 7919)).slice(0, 16)}`,
          bankBic: 'SCBLPK',
          merchantCategoryCode: String(5800 + (i % 100)),
          merchantID: `M${String(i).padStart(6, '0')}`,
          postalAddress: { townName: towns[i % towns.length]!, subDept: `T${i % 9}` },
        },
        paymentDetails: { instructedAmount: 100 + i * 37, expiryDateTime: '2026-11-22T04:30:00' },
        info: { stan: String(i), rrn: String(100_000_000_000 + i) },
      },
      i % 4 === 0 ? { urdu: { merchantName: 'چائے خانہ' } } : {},
    ),
  ),
);
const payloads = [...raast, ...PUBLIC_VECTORS.filter((v) => !v.options).map((v) => v.payload)].filter(
  (p) => p.length >= 120 && p.length <= 250,
);
const BATCH = payloads.length;
const lengths = payloads.map((p) => p.length);
console.log(
  `${BATCH} payloads, ${Math.min(...lengths)}–${Math.max(...lengths)} characters (mean ${Math.round(lengths.reduce((a, b) => a + b, 0) / BATCH)}); ${payloads.filter((p) => Array.from(p).some((c) => c.charCodeAt(0) > 0x7f)).length} with non-ASCII text`,
);
for (const p of payloads) if (!verify(p).ok) throw new Error(`bench payload does not verify: ${p}`);

let sink = 0;
const bench = new Bench({ name: 'emvqr parse+verify', time: 2000, warmupTime: 300 });
bench
  .add('verify() — parse + all checks + CRC', () => {
    for (let i = 0; i < BATCH; i++) sink += verify(payloads[i]!).problems.length;
  })
  .add('parse() — same, throwing on problems', () => {
    for (let i = 0; i < BATCH; i++) sink += parse(payloads[i]!).objects.length;
  })
  .add('parse() + toRaastP2M()', () => {
    for (let i = 0; i < BATCH; i++) sink += toRaastP2M(parse(payloads[i]!)).merchantName.length;
  })
  .add('crc16() alone', () => {
    for (let i = 0; i < BATCH; i++) sink += crc16(payloads[i]!);
  });

await bench.run();

const rows = bench.tasks.map((task) => {
  const result = task.result;
  const perSecond = 'throughput' in result ? result.throughput.mean * BATCH : Number.NaN;
  return {
    task: task.name,
    'payloads/s': Math.round(perSecond).toLocaleString('en-US'),
    'µs/payload': (1e6 / perSecond).toFixed(2),
    '±%': 'throughput' in result ? result.throughput.rme.toFixed(2) : '-',
  };
});
console.table(rows);
const wallRate = Number(rows[0]!['payloads/s'].replace(/,/g, ''));

const fmt = (n: number): string => n.toLocaleString('en-US');
// Wall-clock figures drop when other processes share the core, so print the load next to them.
console.log(
  `verify(): ${fmt(wallRate)} payloads/s on one thread (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores)`,
);
console.log(`target ${fmt(TARGET)}/s: ${wallRate >= TARGET ? 'met' : 'NOT met'} (sink ${sink > 0})`);

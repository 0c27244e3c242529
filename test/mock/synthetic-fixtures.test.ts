import path from 'node:path';
import { defaultLayout, loadFixtures, loadSpec, oneLinkQrFixtures } from '@onelink-kit/mock';
import { describe, expect, it } from 'vitest';

const layout = defaultLayout();
const committed = loadFixtures(layout.fixturesDir);

describe('committed fixtures', () => {
  it('cover the issue scenarios for every operation', () => {
    const names = new Set(committed.map((f) => `${f.operationId}/${f.scenario}`));
    const want = [
      'requestToken/success',
      'requestToken/invalid-client',
      ...['generateDQRCMerchant', 'generateDQRCAggregator'].flatMap((op) =>
        ['success', 'validation-error', 'duplicate-rrn', 'unauthorized', 'rate-limited', 'server-error'].map(
          (s) => `${op}/${s}`,
        ),
      ),
    ];
    expect(want.filter((w) => !names.has(w))).toEqual([]);
  });

  it('say honestly where they come from', () => {
    for (const f of committed) {
      const p = f.fixture.provenance;
      expect(['synthetic', 'sandbox'], f.file).toContain(p.source);
      if (p.source === 'synthetic') expect(p.notes, f.file).toMatch(/^Synthetic: .*no .+ produced it/);
      expect(p.specFile, f.file).toMatch(/^spec\/.+\.yaml$/);
    }
  });

  it('carry placeholders, never credential-looking values, in credential headers', () => {
    for (const f of committed) {
      const h = f.fixture.request.headers;
      if (h['x-ibm-client-id'] !== undefined)
        expect(h['x-ibm-client-id'], f.file).toBe('<ONELINK_CLIENT_ID>');
      if (h.authorization !== undefined) expect(h.authorization, f.file).toMatch(/^Bearer <[A-Z_]+>$/);
    }
  });

  it('are what pnpm mock:fixtures makes, for the synthetic ones (no hand edits)', () => {
    const spec = loadSpec(path.join(layout.specDir, '1link-p2m-qr.yaml'), layout.repoRoot);
    for (const s of oneLinkQrFixtures(spec)) {
      const onDisk = committed.find((f) => f.operationId === s.operationId && f.scenario === s.scenario);
      if (onDisk?.fixture.provenance.source === 'sandbox') continue;
      // The spec hash moves with every spec edit; the rest must match exactly.
      const { specSha256: _a, ...wantProv } = s.fixture.provenance;
      const { specSha256: _b, ...gotProv } =
        onDisk?.fixture.provenance ?? ({} as typeof wantProv & { specSha256: string });
      expect({ ...onDisk?.fixture, provenance: gotProv }, `${s.operationId}/${s.scenario}`).toEqual({
        ...s.fixture,
        provenance: wantProv,
      });
    }
  });
});

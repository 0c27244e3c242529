// pnpm docs [out-dir]: a static API reference for every spec (Redoc's standalone bundle, the same
// page the gateway serves at /docs) into docs-site/ (git-ignored). Open docs-site/index.html in a
// browser; the pages load only their own files, so they work offline and in closed networks.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { docsAssetFiles, docsHtml, STATIC_DOCS_CSP } from '@onelink-kit/gateway';
import { specNames } from '@onelink-kit/generated';

interface SpecModule {
  document: { info: { title: string; version: string } };
}

const out = resolve(process.argv[2] ?? 'docs-site');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
for (const [name, path] of Object.entries(docsAssetFiles())) copyFileSync(path, join(out, 'assets', name));

const links: string[] = [];
for (const name of specNames) {
  const { document } = (await import(`@onelink-kit/generated/${name}`)) as SpecModule;
  const title = `${document.info.title} ${document.info.version}`;
  mkdirSync(join(out, name));
  // A script, not JSON: a page opened from disk may not fetch a file beside it.
  writeFileSync(join(out, name, 'spec.js'), `window.ONELINK_SPEC = ${JSON.stringify(document)};\n`);
  writeFileSync(
    join(out, name, 'index.html'),
    docsHtml({ title, assetBase: '../assets', specScript: 'spec.js', metaCsp: STATIC_DOCS_CSP }),
  );
  links.push(
    `<li><a href="${name}/index.html">${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a> (spec/${name}.yaml)</li>`,
  );
  process.stdout.write(`docs: ${join(out, name, 'index.html')}\n`);
}
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>onelink-kit API reference</title></head>
<body>
<h1>onelink-kit API reference</h1>
<ul>
${links.join('\n')}
</ul>
</body>
</html>
`,
);
process.stdout.write(`docs: open ${join(out, 'index.html')}\n`);

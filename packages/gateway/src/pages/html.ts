/** Text for an HTML element or a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface PageParts {
  title: string;
  /** Trusted markup (built with escapeHtml for every value). */
  body: string;
  /** Script files under /pages/assets/ loaded as modules (none inline: see page-security.ts). */
  scripts?: string[];
  /** data-* attributes of <body> by their dataset names (camelCase), escaped here. */
  data?: Record<string, string>;
  /** Extra style sheets under /pages/assets/. */
  styles?: string[];
}

/** One HTML document with the pages' shared style sheet; everything else comes from files. */
export function layout(parts: PageParts): string {
  const data = Object.entries(parts.data ?? {})
    // remainingMs → data-remaining-ms, which the browser's dataset reads back as remainingMs.
    .map(
      ([name, value]) =>
        ` data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${escapeHtml(value)}"`,
    )
    .join('');
  const styles = ['pages.css', ...(parts.styles ?? [])]
    .map((file) => `<link rel="stylesheet" href="/pages/assets/${file}">`)
    .join('');
  const scripts = (parts.scripts ?? [])
    .map((file) => `<script type="module" src="/pages/assets/${file}"></script>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(parts.title)}</title>
${styles}${scripts}
</head>
<body${data}>
${parts.body}
</body>
</html>
`;
}

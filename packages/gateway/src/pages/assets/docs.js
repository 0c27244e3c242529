// Starts Redoc on #redoc with the gateway's /openapi.json (data-spec-url), or with the document a
// static page put in window.ONELINK_SPEC. A classic script: the static pages are opened from disk.
(() => {
  const element = document.getElementById('redoc');
  const spec = window.ONELINK_SPEC ?? element.getAttribute('data-spec-url');
  const system = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
  window.Redoc.init(
    spec,
    {
      expandResponses: '200,201',
      jsonSampleExpandLevel: 3,
      // System fonts only: Redoc's defaults name web fonts a page would otherwise fetch.
      theme: {
        typography: {
          fontFamily: system,
          headings: { fontFamily: system },
          code: { fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace' },
        },
      },
    },
    element,
  );
})();

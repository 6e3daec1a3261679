import type { Localizer } from '../i18n/localizer.js';
import { webText } from './messages/index.js';

/** Seconds we ask clients (and crawlers) to wait before trying again during a database outage. */
export const RETRY_AFTER_SECONDS = 10;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The answer while the database is unreachable (restart, failover, network
 * cut): 503 with Retry-After, so browsers, crawlers and load balancers know
 * it is temporary. Built without touching the database, which is the thing
 * that is down (the words come from the catalogues in memory); an HTML page
 * for browsers, one line of text for everyone else.
 */
export function databaseUnavailableResponse(accept: string | undefined, cssUrl: string, i18n: Localizer): Response {
  const t = i18n.text(webText);
  const headers = { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' };
  if (!accept?.includes('text/html')) {
    return new Response(`${t('unavailablePlain')}\n`, {
      status: 503,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // The link's text is marked with two control characters, so the whole sentence can be escaped and the link put back.
  const marked = t.rich('unavailableRetry', { link: (chunks) => `\u0001${chunks.join('')}\u0002` });
  const retryHtml = escape(Array.isArray(marked) ? marked.join('') : String(marked)).replace('\u0001', '<a href="">').replace('\u0002', '</a>');
  const html = `<!DOCTYPE html>
<html lang="${i18n.lang}" dir="${i18n.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(t('unavailableTitle'))}</title>
<link rel="stylesheet" href="${cssUrl}">
</head>
<body>
<main id="main" class="wrap">
<h1>${escape(t('unavailableHeading'))}</h1>
<p class="lead">${escape(t('unavailableLead'))}</p>
<p>${retryHtml}</p>
<p>${escape(t('unavailableUrgent'))}</p>
</main>
</body>
</html>
`;
  return new Response(html, { status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

/** Seconds we ask clients (and crawlers) to wait before trying again during a database outage. */
export const RETRY_AFTER_SECONDS = 10;

/**
 * The answer while the database is unreachable (restart, failover, network
 * cut): 503 with Retry-After, so browsers, crawlers and load balancers know
 * it is temporary. Built without touching the database, which is the thing
 * that is down; an HTML page for browsers, one line of text for everyone else.
 */
export function databaseUnavailableResponse(accept: string | undefined, cssUrl: string): Response {
  const headers = { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' };
  if (!accept?.includes('text/html')) {
    return new Response('The service is briefly unavailable (database unreachable). Please try again in a moment.\n', {
      status: 503,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Temporarily unavailable</title>
<link rel="stylesheet" href="${cssUrl}">
</head>
<body>
<main id="main" class="wrap">
<h1>This page is temporarily unavailable</h1>
<p class="lead">Our service is restarting or briefly out of reach. Nothing is wrong with your device or connection.</p>
<p>Please try again in a minute: <a href="">reload this page</a>.</p>
<p>If you need medical help now, contact your doctor or your local emergency number.</p>
</main>
</body>
</html>
`;
  return new Response(html, { status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

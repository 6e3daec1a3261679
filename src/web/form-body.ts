import type { Context } from 'hono';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * Whether a request says it carries a form that cannot be parsed (multipart
 * without its boundary, with another one, cut short). Parsed once here, for
 * every route: Hono keeps the parsed form, so the CSRF check and the route
 * reading it again (c.req.parseBody()) cost nothing and cannot fail any more.
 */
export async function isUnreadableForm(c: Context): Promise<boolean> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (!type || !FORM_TYPES.has(type)) return false;
  try {
    await c.req.parseBody();
    return false;
  } catch {
    return true;
  }
}

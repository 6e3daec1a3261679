/**
 * Editor routes for citations: the list and search, import (paste → lookup →
 * confirm → store), one citation, and resolving a retraction/erratum flag.
 * A failed lookup always comes back as the form with what was typed and one
 * clear message; nothing is stored until the editor confirms a complete record.
 */
import { type Context, Hono } from 'hono';
import { SOURCE_LANG, pathIn } from '../i18n/languages.js';
import { type CitationsText, citationsText } from './messages/index.js';
import type { AppEnv } from '../accounts/context.js';
import { clientIp } from '../accounts/client-ip.js';
import { formFields } from '../accounts/forms.js';
import { requirePermission } from '../accounts/middleware.js';
import { can } from '../accounts/permissions.js';
import type { FieldError } from '../accounts/views/form-parts.js';
import type { Db } from '../db/database.js';
import type { JobQueue } from '../jobs/queue.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { citationDetail, searchCitations } from './citation-queries.js';
import { flagsOfCitation, openFlags, resolveFlags } from './flags.js';
import { findExistingCitation, saveCitation } from './import-service.js';
import { type LookupOutcome, lookupCitation } from './lookup.js';
import type { CitationRendering } from './rendering.js';
import { RETRACTION_WATCH_JOB } from './retraction-watch.js';
import type { CitationServices } from './services.js';
import { recordFromStored } from './stored-record.js';
import { CitationDetailPage, CitationsPage } from './views/citation-pages.js';
import { ConfirmImportPage, ImportPage } from './views/import-pages.js';
import { displayable } from './views/parts.js';
import { EMPTY_MANUAL, type EntryProblem, MANUAL_FIELD_IDS, type ManualForm, type ReferenceFormat, cslFromManual, cslFromPaste, keyBaseFor, recordFromEntry } from './manual-entry.js';
import type { CitationRecord, CslItem } from './record.js';

export interface CitationRouteDeps {
  db: Db;
  pages: PageRenderer;
  services: CitationServices;
  rendering: CitationRendering;
  jobs: JobQueue;
  trustProxy: boolean;
  contentChanged(): Promise<void>;
}

/** HTTP status of a failed lookup: the editor's input (4xx) or the remote service (5xx). */
const LOOKUP_STATUS: Record<Exclude<LookupOutcome, { ok: true }>['code'], 400 | 422 | 502 | 503 | 504> = {
  'invalid-id': 400,
  'not-found': 422,
  'rate-limited': 503,
  'not-configured': 503,
  network: 502,
  'bad-response': 502,
  timeout: 504,
};

/**
 * A failed lookup in the editor's language. The services explain failures in
 * English, in detail (which service, which HTTP status); other languages get
 * the plain message for the kind of failure.
 */
const LOOKUP_MESSAGES = {
  'invalid-id': 'lookupInvalidId',
  'not-found': 'lookupNotFound',
  'rate-limited': 'lookupRateLimited',
  'not-configured': 'lookupNotConfigured',
  network: 'lookupNetwork',
  'bad-response': 'lookupBadResponse',
  timeout: 'lookupTimeout',
} as const satisfies Record<keyof typeof LOOKUP_STATUS, string>;

const MAX_NOTE = 1000;

export function citationRoutes(deps: CitationRouteDeps) {
  const { db, pages } = deps;
  const app = new Hono<AppEnv>();
  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(c), user: c.get('user')!, csrfToken: c.get('csrfToken') });
  /** What cannot be imported on this site, in the editor's language. */
  const unavailable = (t: CitationsText) => [deps.services.pubmed ? null : t('importPubmedOff'), deps.services.crossref ? null : t('importCrossrefOff')].filter((m): m is string => m !== null);
  const siteStyle = async () => (await pages.siteContext()).settings.citationStyle;

  async function importForm(c: Context<AppEnv>, identifier: string, errors: FieldError[], status: 200 | 400 | 422 | 502 | 503 | 504 = 200, entry: { paste?: string; manual?: ManualForm } = {}) {
    const view = await frame(c);
    const page = <ImportPage {...view} identifier={identifier} errors={errors} unavailable={unavailable(view.site.i18n.text(citationsText))} paste={entry.paste ?? ''} manual={entry.manual ?? EMPTY_MANUAL} />;
    return pages.fresh(c, page, status);
  }

  /**
   * A pasted reference or the by-hand form, read into a record under a key
   * no other record has; or the form again with what was typed and what is wrong.
   */
  async function readEntry(c: Context<AppEnv>): Promise<{ record: CitationRecord; source: string; hidden: Record<string, string> } | { response: Response }> {
    const fields = await formFields(c);
    const t = (await pages.siteContext(c)).i18n.text(citationsText);
    const manual = Object.fromEntries(Object.keys(EMPTY_MANUAL).map((k) => [k, displayable(fields[k] ?? '').slice(0, 20_000)])) as unknown as ManualForm;
    const paste = (fields.paste ?? '').slice(0, 40_000);
    const byHand = fields.mode === 'manual';
    const read: { csl: CslItem; format?: ReferenceFormat } | { problems: EntryProblem[] } | { problem: EntryProblem } = byHand ? cslFromManual(manual) : cslFromPaste(paste);
    const fail = async (problems: EntryProblem[]) => ({ response: await importForm(c, '', problems.map((p) => ({ field: p.field, message: t(p.key) })), 400, { paste, manual }) });
    if ('problems' in read) return fail(read.problems);
    if ('problem' in read) return fail([read.problem]);
    const base = keyBaseFor(read.csl);
    const taken = new Set((await db.selectFrom('citations').select('key').where('key', 'like', `${base}%`).execute()).map((r) => r.key));
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    const record = recordFromEntry(key, read.csl);
    if (!record) return fail([{ field: byHand ? MANUAL_FIELD_IDS.title : 'paste', key: 'pasteUnreadable' }]);
    const source = read.format ? t('sourcePasted', { format: read.format }) : t('sourceManual');
    return { record, source, hidden: byHand ? { mode: 'manual', ...manual } : { mode: 'paste', paste } };
  }

  /** Looks up the pasted text; on failure answers the form again with the problem (the caller returns that response). */
  async function lookup(c: Context<AppEnv>, identifier: string): Promise<{ outcome: Extract<LookupOutcome, { ok: true }> } | { response: Response }> {
    const outcome = await lookupCitation(deps.services, identifier);
    if (outcome.ok) return { outcome };
    const lang = c.get('lang');
    // Switched off or out of reach: the plain words (what an admin can switch on, what to do meanwhile), in every language.
    const plain = lang !== SOURCE_LANG || outcome.code === 'not-configured' || outcome.code === 'network';
    const message = plain ? (await pages.siteContext(c)).i18n.text(citationsText)(LOOKUP_MESSAGES[outcome.code]) : outcome.message;
    return { response: await importForm(c, identifier, [{ field: 'identifier', message }], LOOKUP_STATUS[outcome.code]) };
  }

  app.use('/edit/citations', requirePermission('citation.import'));
  app.use('/edit/citations/*', requirePermission('citation.import'));
  app.use('/edit/citations/:id/resolve', requirePermission('citation.resolve'));

  app.get('/edit/citations', async (c) => {
    const q = displayable(c.req.query('q') ?? '').slice(0, 300);
    const [search, flagged, jobs] = await Promise.all([searchCitations(db, q, Number(c.req.query('page') ?? 1)), openFlags(db), deps.jobs.list()]);
    const watchJob = jobs.find((j) => j.key === RETRACTION_WATCH_JOB);
    return pages.fresh(c, <CitationsPage {...await frame(c)} q={q} search={search} flagged={flagged} watchJob={watchJob} pubmedConfigured={deps.services.pubmed !== null} />);
  });

  app.get('/edit/citations/import', async (c) => importForm(c, displayable(c.req.query('identifier') ?? '').slice(0, 2000), []));

  app.post('/edit/citations/import', async (c) => {
    const identifier = displayable((await formFields(c)).identifier ?? '').slice(0, 2000);
    const found = await lookup(c, identifier);
    if ('response' in found) return found.response;
    const { record, source } = found.outcome;
    const [existing, style] = await Promise.all([findExistingCitation(db, record), siteStyle()]);
    const html = deps.rendering.formatter(style).html(record);
    return pages.fresh(c, <ConfirmImportPage {...await frame(c)} identifier={identifier.trim()} record={record} source={source} html={html} existing={existing} />);
  });

  app.post('/edit/citations/import/confirm', async (c) => {
    const identifier = displayable((await formFields(c)).identifier ?? '').slice(0, 2000);
    // Looked up again rather than trusting a record sent back by the browser; the answer is usually cached.
    const found = await lookup(c, identifier);
    if ('response' in found) return found.response;
    const saved = await saveCitation(deps, found.outcome.record, { actorUserId: c.get('user')!.id, ip: clientIp(c, deps.trustProxy), source: found.outcome.source });
    await deps.contentChanged();
    return c.redirect(pathIn(c.get('lang'), `/edit/citations/${saved.id}?notice=${saved.created ? 'imported' : 'refreshed'}`), 303);
  });

  app.post('/edit/citations/import/manual', async (c) => {
    const entry = await readEntry(c);
    if ('response' in entry) return entry.response;
    const [existing, style] = await Promise.all([findExistingCitation(db, entry.record), siteStyle()]);
    const html = deps.rendering.formatter(style).html(entry.record);
    return pages.fresh(c, <ConfirmImportPage {...await frame(c)} identifier="" record={entry.record} source={entry.source} html={html} existing={existing} manual={entry.hidden} />);
  });

  app.post('/edit/citations/import/manual/confirm', async (c) => {
    // Read again from what the editor typed rather than trusting a record sent back by the browser.
    const entry = await readEntry(c);
    if ('response' in entry) return entry.response;
    // The same paper (by PMID or DOI) is already stored: it is not overwritten with typed details.
    const existing = await findExistingCitation(db, entry.record);
    if (existing) return c.redirect(pathIn(c.get('lang'), `/edit/citations/${existing.id}?notice=exists`), 303);
    const saved = await saveCitation(deps, entry.record, { actorUserId: c.get('user')!.id, ip: clientIp(c, deps.trustProxy), source: entry.hidden.mode === 'manual' ? 'manual' : 'pasted' });
    await deps.contentChanged();
    return c.redirect(pathIn(c.get('lang'), `/edit/citations/${saved.id}?notice=imported`), 303);
  });

  async function detailPage(c: Context<AppEnv>, id: number, options: { note?: string; errors?: FieldError[]; status?: 200 | 400 } = {}) {
    const citation = await citationDetail(db, id);
    if (!citation) return null;
    const [flags, style] = await Promise.all([flagsOfCitation(db, id), siteStyle()]);
    const html = deps.rendering.formatter(style).html(recordFromStored(citation));
    const user = c.get('user')!;
    const page = (
      <CitationDetailPage
        {...await frame(c)}
        citation={citation}
        html={html}
        flags={flags}
        canResolve={can(user, 'citation.resolve')}
        notice={c.req.query('notice')}
        note={options.note}
        errors={options.errors}
      />
    );
    return pages.fresh(c, page, options.status ?? 200);
  }

  const idParam = (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    return /^\d{1,9}$/.test(id) ? Number(id) : null;
  };

  app.get('/edit/citations/:id', async (c) => {
    const id = idParam(c);
    return (id !== null && (await detailPage(c, id))) || c.notFound();
  });

  app.post('/edit/citations/:id/resolve', async (c) => {
    const id = idParam(c);
    if (id === null || !(await citationDetail(db, id))) return c.notFound();
    const note = displayable((await formFields(c)).note ?? '').trim();
    const t = (await pages.siteContext(c)).i18n.text(citationsText);
    const problem = !note ? t('resolveNoteMissing') : note.length > MAX_NOTE ? t('resolveNoteTooLong', { max: MAX_NOTE }) : null;
    if (problem) return (await detailPage(c, id, { note, errors: [{ field: 'note', message: problem }], status: 400 }))!;
    const resolved = await resolveFlags(db, { citationId: id, userId: c.get('user')!.id, note, ip: clientIp(c, deps.trustProxy) });
    if (resolved) await deps.contentChanged();
    return c.redirect(pathIn(c.get('lang'), `/edit/citations/${id}${resolved ? '?notice=resolved' : ''}`), 303);
  });

  return app;
}

import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { can } from '../../accounts/permissions.js';
import { documentAsText } from '../page-source.js';
import type { EditableLocation } from '../service/index.js';
import { DiffPage, HistoryPage, RevisionPage } from '../views/history-pages.js';
import { wordDiff } from '../word-diff.js';
import type { EditingKit } from './kit.js';
import { fieldErrorFor } from '../page-form.js';
import { RevisionIdForm } from './workflow-routes.js';

const RevisionId = z.coerce.number().int().positive().max(2 ** 31);
/** History addresses use a revision's number on its page (…/revisions/3), the number the history shows. */
const RevisionNumber = RevisionId;
const DiffQuery = z.object({ from: RevisionNumber, to: RevisionNumber });

/** A page's history: every revision, one revision, the difference between two, and restoring an old one. */
export function historyRoutes(kit: EditingKit) {
  const { service } = kit;
  const app = new Hono<AppEnv>();

  app.get('/edit/:slug/history', async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    return historyPage(kit, c, found.located);
  });

  app.get('/edit/:slug/revisions/:number', async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    const number = RevisionNumber.safeParse(c.req.param('number'));
    const revision = number.success ? await service.read.byNumber(found.located.pageKey, number.data) : null;
    if (!revision) return kit.notFound(c);
    const head = (await service.read.head(found.located.pageKey))!;
    const page = (
      <RevisionPage
        {...await kit.frame(c)}
        slug={found.located.slug}
        title={head.title}
        revision={revision}
        text={documentAsText(revision.document)}
        canRestore={can(c.get('user'), 'page.edit')}
        isNewest={head.id === revision.id}
      />
    );
    return kit.deps.pages.fresh(c, page);
  });

  app.get('/edit/:slug/diff', async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    const query = DiffQuery.safeParse(c.req.query());
    if (!query.success) return historyPage(kit, c, found.located, 400, (await kit.text(c))('chooseTwoRevisions'));
    const [a, b] = await Promise.all([service.read.byNumber(found.located.pageKey, query.data.from), service.read.byNumber(found.located.pageKey, query.data.to)]);
    if (!a || !b) return kit.notFound(c);
    // Always older → newer, whichever way round they were chosen.
    const [from, to] = a.number <= b.number ? [a, b] : [b, a];
    const head = (await service.read.head(found.located.pageKey))!;
    const parts = wordDiff(documentAsText(from.document), documentAsText(to.document));
    return kit.deps.pages.fresh(c, <DiffPage {...await kit.frame(c)} slug={found.located.slug} title={head.title} from={from} to={to} parts={parts} />);
  });

  app.post('/edit/:slug/restore', async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    const limited = await kit.tooFast(c, kit.writes);
    if (limited) return limited;
    const input = RevisionIdForm.safeParse(await kit.fields(c));
    const revision = input.success ? await service.read.byId(input.data.revisionId) : null;
    if (!revision || revision.pageKey !== found.located.pageKey) return kit.notFound(c);
    const outcome = await service.restore(revision.id, kit.actor(c));
    if (outcome.kind !== 'saved') {
      const t = await kit.text(c);
      const message =
        outcome.kind === 'invalid'
          ? t('restoreInvalid', { number: revision.number, problems: outcome.problems.map((p) => fieldErrorFor(p, [], revision.document, t).message).join('; ') })
          : t('restoreRace');
      return historyPage(kit, c, found.located, 409, message);
    }
    return c.redirect(kit.here(c, `/edit/${found.located.slug}/history?notice=restored`), 303);
  });

  return app;
}

async function historyPage(kit: EditingKit, c: Context<AppEnv>, located: EditableLocation, status = 200, message?: string) {
  const revisions = await kit.service.read.history(located.pageKey);
  if (!revisions.length) return kit.notFound(c);
  const page = (
    <HistoryPage
      {...await kit.frame(c)}
      slug={located.kind === 'page' ? located.slug : revisions[0]!.slug}
      title={revisions[0]!.title}
      revisions={revisions}
      canRestore={can(c.get('user'), 'page.edit')}
      notice={message ?? (await kit.notice(c))}
    />
  );
  return kit.deps.pages.fresh(c, page, status);
}

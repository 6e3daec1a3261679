/**
 * The storyteller's signed links (from the e-mails): confirm the address,
 * approve a moderator's edit, withdraw the story. Opening a link changes
 * nothing (mail scanners open links); its page's button does.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import { clientIp } from '../../accounts/client-ip.js';
import { formFields } from '../../accounts/forms.js';
import { sha256Hex } from '../../accounts/tokens.js';
import type { AppEnv } from '../../accounts/context.js';
import { type StoriesDeps, frameOf, markdownFor } from '../deps.js';
import { TAKE_DOWN_JOB } from '../jobs.js';
import { type LinkPurpose, storyLinkPath, storyLinkValid } from '../links.js';
import type { StoryRow } from '../store.js';
import { ConfirmLinkPage, type LinkOutcome, LinkOutcomePage, ReviewEditPage } from '../views/storyteller-pages.js';

const Id = z.string().regex(/^[1-9]\d{0,12}$/).transform(Number);

export function storytellerRoutes(deps: StoriesDeps) {
  const app = new Hono<AppEnv>();
  const { pages, store } = deps;

  const outcome = async (c: Context<AppEnv>, which: LinkOutcome, status = 200, storyPath?: string) => {
    const res = await pages.fresh(c, <LinkOutcomePage {...await frameOf(deps, c)} outcome={which} storyPath={storyPath} />, status);
    res.headers.set('referrer-policy', 'no-referrer');
    return res;
  };
  const noReferrer = (res: Response) => {
    // The signature is in the address: it must not leak to the next site in a Referer.
    res.headers.set('referrer-policy', 'no-referrer');
    return res;
  };

  /** The story the signed link is for, or null when the link is not valid. */
  async function storyOf(c: Context<AppEnv>, purpose: LinkPurpose): Promise<StoryRow | null> {
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success || !storyLinkValid(deps.linkKey, purpose, id.data, c.req.param('signature') ?? '')) return null;
    return (await store.byId(id.data)) ?? null;
  }
  /** What the approval form carries: the text the storyteller read. */
  const shownHash = (story: StoryRow) => sha256Hex(`${story.proposed_title ?? ''}\n${story.proposed_body ?? ''}`);
  const here = (c: Context<AppEnv>) => c.req.path.replace(/^\/[a-z]{2}(?=\/)/, '');

  const audit = (c: Context<AppEnv>, action: string, storyId: number) => ({ actorUserId: c.get('user')?.id ?? null, action, subjectType: 'story', subjectId: storyId, ip: clientIp(c, deps.trustProxy) });

  app.get('/stories/:id/confirm/:signature', async (c) => {
    const story = await storyOf(c, 'confirm');
    if (!story) return outcome(c, 'invalid', 404);
    if (story.status !== 'unconfirmed' || story.withdrawn_at) return outcome(c, 'done');
    return noReferrer(await pages.fresh(c, <ConfirmLinkPage {...await frameOf(deps, c)} kind="confirm" title={story.title} action={here(c)} />));
  });

  app.post('/stories/:id/confirm/:signature', async (c) => {
    const story = await storyOf(c, 'confirm');
    if (!story) return outcome(c, 'invalid', 404);
    const done = await deps.db.transaction().execute(async (tx) => {
      const ok = await store.confirm(tx, story.id);
      if (ok) await recordAudit(tx, audit(c, 'stories.confirmed', story.id), deps.clock());
      return ok;
    });
    return outcome(c, done ? 'confirmed' : 'done');
  });

  app.get('/stories/:id/review/:signature', async (c) => {
    const story = await storyOf(c, 'review');
    if (!story) return outcome(c, 'invalid', 404);
    if (story.status !== 'awaiting-storyteller' || story.withdrawn_at || story.proposed_body === null) return outcome(c, 'done');
    const site = await pages.siteContext(c);
    const render = await markdownFor(deps, site);
    return noReferrer(
      await pages.fresh(
        c,
        <ReviewEditPage
          {...await frameOf(deps, c)}
          action={here(c)}
          shown={shownHash(story)}
          withdrawPath={storyLinkPath(deps.linkKey, 'withdraw', story.id)}
          title={story.proposed_title ?? story.title}
          bodyHtml={render(story.proposed_body)}
          reason={story.edit_reason ?? ''}
        />,
      ),
    );
  });

  app.post('/stories/:id/review/:signature', async (c) => {
    const story = await storyOf(c, 'review');
    if (!story) return outcome(c, 'invalid', 404);
    const f = await formFields(c);
    if (story.status !== 'awaiting-storyteller' || f.shown !== shownHash(story)) return outcome(c, 'done');
    const done = await deps.db.transaction().execute(async (tx) => {
      const ok = await store.approveEdit(tx, story.id);
      if (ok) await recordAudit(tx, audit(c, 'stories.edit_approved', story.id), deps.clock());
      return ok;
    });
    if (!done) return outcome(c, 'done');
    await deps.contentChanged();
    return outcome(c, 'approved', 200, `/stories/${story.id}`);
  });

  app.get('/stories/:id/withdraw/:signature', async (c) => {
    const story = await storyOf(c, 'withdraw');
    if (!story) return outcome(c, 'invalid', 404);
    if (story.withdrawn_at) return outcome(c, 'withdrawn');
    return noReferrer(await pages.fresh(c, <ConfirmLinkPage {...await frameOf(deps, c)} kind="withdraw" title={story.title} action={here(c)} />));
  });

  app.post('/stories/:id/withdraw/:signature', async (c) => {
    const story = await storyOf(c, 'withdraw');
    if (!story) return outcome(c, 'invalid', 404);
    await deps.db.transaction().execute(async (tx) => {
      if (!(await store.withdraw(tx, story.id))) return;
      await recordAudit(tx, audit(c, 'stories.withdrawn', story.id), deps.clock());
      await deps.jobs.enqueue(TAKE_DOWN_JOB, { storyId: story.id }, { key: `${TAKE_DOWN_JOB}:${story.id}`, tx });
    });
    await deps.contentChanged();
    return outcome(c, 'withdrawn');
  });

  return app;
}

import { Hono } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import { recordAudit } from '../../accounts/audit.js';
import { bumpContentVersion } from '../../directory/store.js';
import { loadSettings } from '../../site/settings.js';
import { DeclarationForm, declarationFromForm, loadDeclaration, saveDeclaration } from '../declaration.js';
import { DeclarationPage } from '../views/declaration-page.js';
import type { EditingKit } from './kit.js';

/** /declaration: each signed-in person's own qualifications and declaration of interests, shown with the pages that name them. */
export function declarationRoutes(kit: EditingKit) {
  const { db, pages } = kit.deps;
  const app = new Hono<AppEnv>();

  app.get('/declaration', async (c) => {
    const { form, declaredOn } = await loadDeclaration(db, kit.actor(c).user);
    const { declarationMonths } = await loadSettings(db);
    return pages.fresh(c, <DeclarationPage {...await kit.frame(c)} form={form} declaredOn={declaredOn} months={declarationMonths} errors={[]} notice={await kit.notice(c)} />);
  });

  app.post('/declaration', async (c) => {
    const limited = await kit.tooFast(c, kit.writes);
    if (limited) return limited;
    const t = await kit.text(c);
    const parsed = DeclarationForm.safeParse(await kit.fields(c));
    if (!parsed.success) return new Response(t('declarationTooLarge'), { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const who = kit.actor(c);
    const { declaration, errors } = declarationFromForm(parsed.data, t);
    if (!declaration) {
      const [{ declaredOn }, { declarationMonths }] = await Promise.all([loadDeclaration(db, who.user), loadSettings(db)]);
      return pages.fresh(c, <DeclarationPage {...await kit.frame(c)} form={parsed.data} declaredOn={declaredOn} months={declarationMonths} errors={errors} />, 400);
    }
    const today = kit.clock().toISOString().slice(0, 10);
    await db.transaction().execute(async (tx) => {
      const key = await saveDeclaration(tx, who.user, declaration, today);
      // Bylines show declarations: every page naming this person changes.
      await bumpContentVersion(tx);
      await recordAudit(tx, { actorUserId: who.user.id, action: 'author.declare', subjectType: 'author', subjectId: key, details: { declaredOn: today }, ip: who.ip }, kit.clock());
    });
    await kit.deps.contentChanged();
    return c.redirect(kit.here(c, '/declaration?notice=declared'), 303);
  });

  return app;
}

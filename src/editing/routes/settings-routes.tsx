import { Hono } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import { recordAudit } from '../../accounts/audit.js';
import { bumpContentVersion } from '../../directory/store.js';
import { loadSettings, saveSettings } from '../../site/settings.js';
import { SettingsForm, formFromSettings, settingsFromForm } from '../settings-form.js';
import { SettingsPage } from '../views/settings-page.js';
import type { EditingKit } from './kit.js';

/** /admin/settings: the organisation, contact details, navigation and texts every page shows. */
export function settingsRoutes(kit: EditingKit) {
  const { db, pages } = kit.deps;
  const app = new Hono<AppEnv>();

  app.get('/admin/settings', async (c) => {
    const settings = await loadSettings(db);
    return pages.fresh(c, <SettingsPage {...await kit.frame(c)} form={formFromSettings(settings)} errors={[]} notice={await kit.notice(c)} />);
  });

  app.post('/admin/settings', async (c) => {
    const limited = await kit.tooFast(c, kit.writes);
    if (limited) return limited;
    const parsed = SettingsForm.safeParse(await kit.fields(c));
    const t = await kit.text(c);
    if (!parsed.success) return new Response(t('settingsTooLarge'), { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const { settings, errors } = settingsFromForm(parsed.data, t);
    if (!settings) return pages.fresh(c, <SettingsPage {...await kit.frame(c)} form={parsed.data} errors={errors} />, 400);
    const who = kit.actor(c);
    await db.transaction().execute(async (tx) => {
      await saveSettings(tx, settings);
      // Settings appear on every page: every server's render cache must drop.
      await bumpContentVersion(tx);
      await recordAudit(tx, { actorUserId: who.user.id, action: 'settings.edit', subjectType: 'settings', subjectId: 'site', details: { organisation: settings.organisation }, ip: who.ip }, kit.clock());
    });
    await kit.deps.contentChanged();
    return c.redirect(kit.here(c, '/admin/settings?notice=settings'), 303);
  });

  return app;
}

/** /admin/community: the numbers, watched words, crisis phrases and texts of the community, for admins. */
import { type Context, Hono } from 'hono';
import { recordAudit } from '../../accounts/audit.js';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import { requirePermission } from '../../accounts/middleware.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { type CommunityDeps, frameOf, settingsOf } from '../deps.js';
import { communityText } from '../messages/index.js';
import { normaliseAddress } from '../../mail/address.js';
import { CommunitySettings, type WatchedWord, saveCommunitySettings } from '../settings.js';
import { type SettingsForm, SettingsPage } from '../views/settings-page.js';

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export function toForm(s: CommunitySettings): SettingsForm {
  const words = (action: WatchedWord['action']) => s.watchedWords.filter((w) => w.action === action);
  return {
    firstPostsHeld: String(s.firstPostsHeld),
    newMemberDays: String(s.newMemberDays),
    flagThreshold: String(s.flagThreshold),
    crisisAction: s.crisisAction,
    crisisPhrases: s.crisisPhrases.join('\n'),
    crisisText: s.crisisText,
    crisisNotify: s.crisisNotify.join('\n'),
    blockWords: words('block').map((w) => w.word).join('\n'),
    holdWords: words('hold').map((w) => w.word).join('\n'),
    replaceWords: words('replace').map((w) => `${w.word} = ${w.replacement}`).join('\n'),
    guidelines: s.guidelines,
  };
}

export function settingsRoutes(deps: CommunityDeps) {
  const app = new Hono<AppEnv>();
  const guard = requirePermission('settings.edit');
  const show = async (c: Context<AppEnv>, form: SettingsForm, errors: FieldError[], saved: boolean, status = 200) =>
    deps.pages.fresh(c, <SettingsPage {...await frameOf(deps, c)} form={form} errors={errors} saved={saved} />, status);

  app.get('/admin/community', guard, async (c) => show(c, toForm(await settingsOf(deps)), [], c.req.query('notice') === 'saved'));

  app.post('/admin/community', guard, async (c) => {
    const site = await deps.pages.siteContext(c);
    const t = site.i18n.text(communityText);
    const f = await formFields(c);
    const form: SettingsForm = {
      firstPostsHeld: (f.firstPostsHeld ?? '').trim(),
      newMemberDays: (f.newMemberDays ?? '').trim(),
      flagThreshold: (f.flagThreshold ?? '').trim(),
      crisisAction: f.crisisAction === 'post' ? 'post' : 'hold',
      crisisPhrases: f.crisisPhrases ?? '',
      crisisText: f.crisisText ?? '',
      crisisNotify: f.crisisNotify ?? '',
      blockWords: f.blockWords ?? '',
      holdWords: f.holdWords ?? '',
      replaceWords: f.replaceWords ?? '',
      guidelines: f.guidelines ?? '',
    };
    const errors: FieldError[] = [];
    const number = (field: 'firstPostsHeld' | 'newMemberDays' | 'flagThreshold', id: string, min: number, max: number) => {
      const value = form[field];
      if (!/^\d{1,4}$/.test(value) || Number(value) < min || Number(value) > max) errors.push({ field: id, message: t('settingsNumber', { min, max }) });
      return Number(value);
    };
    const replaceWords: WatchedWord[] = [];
    for (const line of lines(form.replaceWords)) {
      const [word, ...rest] = line.split('=');
      if (!word?.trim() || !rest.length) errors.push({ field: 'replace-words', message: t('settingsReplaceLine', { line: line.slice(0, 100) }) });
      else replaceWords.push({ word: word.trim(), action: 'replace', replacement: rest.join('=').trim() });
    }
    const crisisNotify: string[] = [];
    for (const line of lines(form.crisisNotify)) {
      const address = normaliseAddress(line);
      if ('problem' in address) errors.push({ field: 'crisis-notify', message: t('settingsNotAnAddress', { line: line.slice(0, 100) }) });
      else crisisNotify.push(address.address);
    }
    const candidate = {
      firstPostsHeld: number('firstPostsHeld', 'first-posts-held', 0, 50),
      newMemberDays: number('newMemberDays', 'new-member-days', 0, 365),
      flagThreshold: number('flagThreshold', 'flag-threshold', 1, 100),
      crisisAction: form.crisisAction,
      crisisPhrases: lines(form.crisisPhrases),
      crisisText: form.crisisText.trim(),
      crisisNotify,
      watchedWords: [
        ...lines(form.blockWords).map((word) => ({ word, action: 'block' as const, replacement: '' })),
        ...lines(form.holdWords).map((word) => ({ word, action: 'hold' as const, replacement: '' })),
        ...replaceWords,
      ],
      guidelines: form.guidelines.trim(),
    };
    const parsed = CommunitySettings.safeParse(candidate);
    if (!errors.length && !parsed.success) {
      const where: Record<string, string> = { crisisPhrases: 'crisis-phrases', crisisText: 'crisis-text', crisisNotify: 'crisis-notify', watchedWords: 'hold-words', guidelines: 'guidelines' };
      for (const issue of parsed.error.issues) errors.push({ field: where[String(issue.path[0])] ?? 'first-posts-held', message: t('settingsInvalid', { field: String(issue.path[0]) }) });
    }
    if (errors.length || !parsed.success) return show(c, form, errors, false, 400);
    const before = await settingsOf(deps);
    await deps.db.transaction().execute(async (tx) => {
      await saveCommunitySettings(tx, parsed.data);
      await recordAudit(tx, { actorUserId: c.get('user')!.id, action: 'community.settings_changed', subjectType: 'settings', subjectId: 'community', details: { before, after: parsed.data }, ip: clientIp(c, deps.trustProxy) }, deps.clock());
    });
    return c.redirect(site.i18n.path('/admin/community?notice=saved'), 303);
  });

  return app;
}

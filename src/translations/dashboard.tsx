import type { DashboardPanel } from '../domain.js';
import { can } from '../accounts/permissions.js';
import type { Db } from '../db/database.js';
import { translationsText } from './messages/index.js';

/** The editors' dashboard (/dashboard): how many translated sections are out of date and how many translations wait for review. */
export function translationDashboardPanel(db: Db): DashboardPanel {
  return {
    async render({ user, i18n }) {
      if (!can(user, 'translation.edit')) return [];
      const [outdated, waiting] = await Promise.all([
        db.selectFrom('translation_sections').select((eb) => eb.fn.countAll<number>().as('n')).where('outdated_since', 'is not', null).executeTakeFirstOrThrow(),
        db.selectFrom('translation_revisions').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'in_review').executeTakeFirstOrThrow(),
      ]);
      const t = i18n.text(translationsText);
      return [
        {
          id: 'translations',
          title: t('dashboardTitle'),
          count: Number(outdated.n) + Number(waiting.n),
          body: (
            <>
              <p>{t('panelBody', { outdated: Number(outdated.n), waiting: Number(waiting.n) })}</p>
              <p>
                <a href="/translate">{t('panelLink')}</a>
              </p>
            </>
          ),
        },
      ];
    },
  };
}

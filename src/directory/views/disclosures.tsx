import type { Child } from 'hono/jsx';
import { InLang } from '../../web/in-lang.js';
import type { SiteContext } from '../../web/site-context.js';
import { directoryText } from '../messages/index.js';
import type { PersonView } from '../queries.js';

/**
 * The byline's details: each author's and the reviewer's qualifications,
 * affiliation, conflict-of-interest statement and funding, with the date it
 * was declared. A person with no declaration on record is said to have none
 * recorded; nothing is assumed for them.
 */
export function Disclosures({ site, authors, reviewer }: { site: SiteContext; authors: PersonView[]; reviewer: PersonView | null }) {
  const t = site.i18n.text(directoryText);
  const people: Array<{ person: PersonView; as: string }> = [
    ...authors.map((person) => ({ person, as: t('disclosureAsAuthor') })),
    ...(reviewer ? [{ person: reviewer, as: t('disclosureAsReviewer') }] : []),
  ];
  if (!people.length) return null;
  const time = (iso: string) => (chunks: Child[]) => <time datetime={iso}>{chunks}</time>;
  return (
    <details class="disclosures">
      <summary>{t('disclosuresSummary')}</summary>
      <dl>
        {people.map(({ person, as }) => (
          <div>
            <dt>
              <InLang site={site}>{person.name}</InLang> <span class="role">({as})</span>
            </dt>
            <dd>
              {person.qualifications ? (
                <p>
                  <span class="disclosure-label">{t('disclosureQualifications')}</span> <InLang site={site}>{person.qualifications}</InLang>
                </p>
              ) : null}
              {person.affiliation ? (
                <p>
                  <span class="disclosure-label">{t('disclosureAffiliation')}</span> <InLang site={site}>{person.affiliation}</InLang>
                </p>
              ) : null}
              {person.declaredOn ? (
                <>
                  <p>
                    <span class="disclosure-label">{t('disclosureInterests')}</span>{' '}
                    {person.disclosure ? <InLang site={site}>{person.disclosure}</InLang> : t('disclosureNoConflicts')}{' '}
                    {t.rich('disclosureDeclaredOn', { date: site.i18n.date(person.declaredOn), time: time(person.declaredOn) })}
                  </p>
                  <p>
                    <span class="disclosure-label">{t('disclosureFunding')}</span> {person.funding ? <InLang site={site}>{person.funding}</InLang> : t('disclosureNoFunding')}
                  </p>
                </>
              ) : (
                <p class="warning-text">{t('disclosureNotRecorded')}</p>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={site.i18n.path('/editorial-policy')}>{t('disclosurePolicyLink')}</a>
      </p>
    </details>
  );
}

/** The A–Z's and tree's "sort or filter by evidence" form: a GET form, so it works without JavaScript. */
import { EVIDENCE_KINDS, type PageEvidence } from '../evidence.js';
import { EVIDENCE_AGES, EVIDENCE_SORTS, type EvidenceFilter, isDefaultFilter } from '../evidence-filter.js';
import { directoryText } from '../messages/index.js';
import type { SiteContext } from '../../web/site-context.js';
import { kindLabel } from './evidence-map.js';

/** What the index pages need to sort and filter; absent: the plain lists. */
export interface EvidenceListing {
  filter: EvidenceFilter;
  byPage: ReadonlyMap<number, PageEvidence>;
  thisYear: number;
  staleYears: number;
  /** Pages that pass the filter. */
  matching: ReadonlySet<number>;
}

const AGE_KEY = { any: 'filterAgeAny', recent: 'filterAgeRecent', older: 'filterAgeOlder', none: 'filterAgeNone' } as const;
const SORT_KEY = { title: 'filterSortTitle', newest: 'filterSortNewest', oldest: 'filterSortOldest' } as const;

export function EvidenceFilterForm({ site, listing, action }: { site: SiteContext; listing: EvidenceListing; action: string }) {
  const t = site.i18n.text(directoryText);
  const f = listing.filter;
  return (
    <form method="get" action={site.i18n.path(action)} class="evidence-filter" aria-labelledby="evidence-filter-title">
      <h2 id="evidence-filter-title">{t('filterTitle')}</h2>
      <fieldset>
        <div>
          <label for="filter-age">{t('filterAge')}</label>
          <select id="filter-age" name="age">
            {EVIDENCE_AGES.map((a) => (
              <option value={a} selected={f.age === a}>
                {t(AGE_KEY[a], { years: site.i18n.number(listing.staleYears) })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="filter-kind">{t('filterKind')}</label>
          <select id="filter-kind" name="kind">
            <option value="any" selected={f.kind === 'any'}>
              {t('filterKindAny')}
            </option>
            {EVIDENCE_KINDS.map((k) => (
              <option value={k} selected={f.kind === k}>
                {kindLabel(site, k)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="filter-sort">{t('filterSort')}</label>
          <select id="filter-sort" name="sort">
            {EVIDENCE_SORTS.map((s) => (
              <option value={s} selected={f.sort === s}>
                {t(SORT_KEY[s])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {t('filterApply')}
        </button>
      </fieldset>
      {isDefaultFilter(f) ? null : (
        <p role="status">
          {listing.matching.size ? t('filterCount', { count: listing.matching.size }) : t('filterNone')}{' '}
          <a href={site.i18n.path(action)}>{t('filterClear')}</a>
        </p>
      )}
    </form>
  );
}

/** "(newest study: 2012)" beside a listed page, once the reader sorts or filters by evidence. */
export function EvidenceNote({ site, listing, pageId }: { site: SiteContext; listing: EvidenceListing | undefined; pageId: number }) {
  if (!listing || isDefaultFilter(listing.filter)) return null;
  const t = site.i18n.text(directoryText);
  const e = listing.byPage.get(pageId);
  const text = !e ? t('filterNoDigests') : e.newestYear === null ? t('filterUndated') : t('filterNewestYear', { year: site.i18n.year(e.newestYear) });
  return (
    <>
      {' '}
      <span class="az-context">{text}</span>
    </>
  );
}

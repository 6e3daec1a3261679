/**
 * The evidence map: an inline SVG drawn on the server (no JavaScript; prints;
 * scales with zoom), its table twin for screen readers, and the reading aid.
 * Marks are drawn in currentColor and told apart by shape, never by colour
 * alone, so they survive forced colours and black-and-white print.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { escapeHtml } from '../../citations/csl-html.js';
import { citationsTextIn, retractionText } from '../../citations/messages/index.js';
import type { RetractionStatus } from '../../citations/study-type.js';
import { langAttributes } from '../../i18n/languages.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { type EvidenceKind, type EvidenceMap, type EvidenceMark, EVIDENCE_KINDS, type ReadingAidLine, readingAid } from '../evidence.js';
import { directoryText } from '../messages/index.js';
import { directoryCrumbs } from '../presenter.js';
import type { Crumb } from '../../web/layout.js';
import { PageLinks } from './index-pages.js';

const KIND_KEY = {
  review: 'evidenceKindReview',
  trial: 'evidenceKindTrial',
  observational: 'evidenceKindObservational',
  'case-report': 'evidenceKindCaseReport',
  other: 'evidenceKindOther',
  'not-recorded': 'evidenceKindNotRecorded',
} as const satisfies Record<EvidenceKind, keyof typeof directoryText.source>;

const KINDS_KEY = {
  review: 'evidenceKindsReview',
  trial: 'evidenceKindsTrial',
  observational: 'evidenceKindsObservational',
  'case-report': 'evidenceKindsCaseReport',
  other: 'evidenceKindsOther',
  'not-recorded': 'evidenceKindsNotRecorded',
} as const satisfies Record<EvidenceKind, keyof typeof directoryText.source>;

export function kindLabel(site: SiteContext, kind: EvidenceKind): string {
  return site.i18n.text(directoryText)(KIND_KEY[kind]);
}

/** Where a mark leads: the digest on its page (the research entry carries this id). */
export function digestHref(site: SiteContext, mark: Pick<EvidenceMark, 'page' | 'entryId'>): string {
  return `${site.i18n.path(`/directory/${mark.page.slug}`)}#digest-${mark.entryId}`;
}

/** The reading aid's sentences in the reader's language. */
export function readingAidText(site: SiteContext, lines: readonly ReadingAidLine[]): string[] {
  const t = site.i18n.text(directoryText);
  const year = (y: number) => site.i18n.year(y);
  return lines.map((line) => {
    switch (line.key) {
      case 'aidKindMost':
        return t('aidKindMost', { count: site.i18n.number(line.values.count), total: site.i18n.number(line.values.total), kind: t(KINDS_KEY[line.kind]) });
      case 'aidKindAll':
        return t('aidKindAll', { count: site.i18n.number(line.values.count), kind: t(KINDS_KEY[line.kind]) });
      case 'aidKindSingle':
        return t('aidKindSingle', { kind: kindLabel(site, line.kind) });
      case 'aidYearsSingle':
        return t('aidYearsSingle', { year: year(line.values.year), age: line.values.age });
      case 'aidKindMixed':
        return t('aidKindMixed', { kinds: line.kinds.map((k) => t(KINDS_KEY[k])).join(t('listSeparator')) });
      case 'aidYearsRange':
        return t('aidYearsRange', { from: year(line.values.from), to: year(line.values.to), age: line.values.age });
      case 'aidYearsOne':
        return t('aidYearsOne', { year: year(line.values.year), age: line.values.age });
      case 'aidYearsMostBefore':
        return t('aidYearsMostBefore', { year: year(line.values.year) });
      case 'aidCount':
      case 'aidKindSomeUnknown':
      case 'aidYearsUndated':
      case 'aidRetracted':
        return t(line.key, line.values);
      default:
        return t(line.key);
    }
  });
}

// Geometry, in SVG user units (CSS pixels at 100%).
// Row names stand on their own line above each row's marks, so on a phone the years get the whole width.
const LEFT = 8;
const LABEL_H = 24;
const MIN_W = 320;
const CHAR_W = 10.5; // a bold 16 px character, generously: a name is cut short rather than cut off
const COL_W = 34;
const AXIS_H = 32;
const STACK = 28;
const PAD = 10;

/** One mark's shape, centred on (x, y). Hollow when retracted, so the cross over it stays visible. */
function shape(kind: EvidenceKind, x: number, y: number, hollow: boolean): string {
  const fill = hollow ? 'none' : 'currentColor';
  const common = `fill="${fill}" stroke="currentColor" stroke-width="2"`;
  switch (kind) {
    case 'review':
      return `<rect x="${x - 7.5}" y="${y - 7.5}" width="15" height="15" ${common}/>`;
    case 'trial':
      return `<path d="M${x} ${y - 9.5}L${x + 9.5} ${y + 7}H${x - 9.5}Z" ${common}/>`;
    case 'observational':
      return `<circle cx="${x}" cy="${y}" r="8" ${common}/>`;
    case 'case-report':
      return `<path d="M${x} ${y - 10}L${x + 10} ${y}L${x} ${y + 10}L${x - 10} ${y}Z" ${common}/>`;
    case 'other':
      return `<path d="M${x - 3} ${y - 9}h6v6h6v6h-6v6h-6v-6h-6v-6h6Z" ${common}/>`;
    case 'not-recorded':
      // Always hollow and dashed: "we do not know" looks unlike every known kind.
      return `<circle cx="${x}" cy="${y}" r="7.5" fill="none" stroke="currentColor" stroke-width="2.5" stroke-dasharray="4 2.5"/>`;
  }
}

function flagOverlay(status: RetractionStatus | null, x: number, y: number): string {
  if (status === 'retracted') return `<path d="M${x - 11} ${y - 11}L${x + 11} ${y + 11}M${x + 11} ${y - 11}L${x - 11} ${y + 11}" stroke="currentColor" stroke-width="3"/>`;
  if (status) return `<circle cx="${x}" cy="${y}" r="12.5" fill="none" stroke="currentColor" stroke-width="1.5"/>`;
  return '';
}

/** A small picture of a mark for the key (decorative: the text beside it says the same). */
function keyIcon(kind: EvidenceKind, status: RetractionStatus | null = null): string {
  return `<svg class="evidence-key-icon" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">${shape(kind, 14, 14, status === 'retracted')}${flagOverlay(status, 14, 14)}</svg>`;
}

function markLabel(site: SiteContext, mark: EvidenceMark): string {
  const t = site.i18n.text(directoryText);
  const values = { page: mark.page.title, year: mark.year === null ? t('evidenceYearNotRecorded') : site.i18n.year(mark.year), kind: kindLabel(site, mark.kind) };
  return mark.retraction ? t('evidenceMarkFlagged', { ...values, status: retractionText(citationsTextIn(site.i18n), mark.retraction).label }) : t('evidenceMark', values);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(4, max - 1)).trimEnd()}…` : text;
}

/** The SVG markup of the map (a string: hono/jsx has no SVG element types). */
export function evidenceSvg(site: SiteContext, map: EvidenceMap, ids: { title: string; desc: string }, description: string): string {
  const t = site.i18n.text(directoryText);
  const from = map.years?.from ?? 0;
  const yearCols = map.years ? map.years.to - map.years.from + 1 : 0;
  // Undated studies get a column of their own after a gap: never placed at a guessed year.
  const noYearCol = map.undated > 0 ? yearCols + (yearCols ? 1 : 0) : -1;
  const cols = noYearCol >= 0 ? noYearCol + 1 : yearCols;
  const colX = (col: number) => LEFT + col * COL_W + COL_W / 2;
  // The "No year" heading is wider than a year column: room for it past the last column.
  const width = Math.max(MIN_W, LEFT + cols * COL_W + PAD + (noYearCol >= 0 ? 24 : 0));
  const maxLabel = Math.floor((width - LEFT - PAD) / CHAR_W);
  const span = yearCols;
  const step = span <= 5 ? 1 : span <= 20 ? 2 : span <= 50 ? 5 : 10;

  const parts: string[] = [];
  let y = AXIS_H;
  const rowsSvg: string[] = [];
  for (const row of map.rows) {
    const stacks = new Map<number, number>();
    for (const m of row.marks) {
      const col = m.year === null ? noYearCol : m.year - from;
      stacks.set(col, (stacks.get(col) ?? 0) + 1);
    }
    const height = LABEL_H + Math.max(...stacks.values()) * STACK + 6;
    // The topic's own row keeps its "(this page)": only the title is shortened.
    // Page titles are English; the topic's own row adds words in the reader's language around its title.
    const label = row.own ? t('evidenceOwnRow', { title: row.node.sortTitle }) : row.node.sortTitle;
    const [before, after] = row.own ? t('evidenceOwnRow', { title: '\u0000' }).split('\u0000') : ['', ''];
    const titleText = shorten(row.node.sortTitle, maxLabel - (before!.length + (after ?? '').length));
    const { lang } = langAttributes(site.lang);
    const title = lang ? `<tspan lang="${lang}">${escapeHtml(titleText)}</tspan>` : escapeHtml(titleText);
    rowsSvg.push(`<line class="evidence-rule" x1="0" x2="${width}" y1="${y}" y2="${y}"/>`);
    rowsSvg.push(
      `<text class="evidence-row-name" x="${LEFT}" y="${y + LABEL_H - 6}"><title>${escapeHtml(label)}</title>${escapeHtml(before!)}${title}${escapeHtml(after ?? '')}</text>`,
    );
    const placed = new Map<number, number>();
    for (const m of row.marks) {
      const col = m.year === null ? noYearCol : m.year - from;
      const index = placed.get(col) ?? 0;
      placed.set(col, index + 1);
      const cx = colX(col);
      const cy = y + LABEL_H + STACK / 2 + index * STACK;
      rowsSvg.push(
        `<a href="${escapeHtml(digestHref(site, m))}" class="evidence-mark"><title>${escapeHtml(markLabel(site, m))}</title>` +
          `<rect class="evidence-hit" x="${cx - 12}" y="${cy - 12}" width="24" height="24" rx="3"/>` +
          `${shape(m.kind, cx, cy, m.retraction === 'retracted')}${flagOverlay(m.retraction, cx, cy)}</a>`,
      );
    }
    y += height;
  }
  const height = y + PAD;

  // Year axis: labelled every `step` years, with faint guides down the map.
  for (let col = 0; col < yearCols; col++) {
    const year = from + col;
    if (year % step !== 0 && !(col === 0 && yearCols < step)) continue;
    parts.push(`<line class="evidence-guide" x1="${colX(col)}" x2="${colX(col)}" y1="${AXIS_H - 4}" y2="${height - PAD}"/>`);
    parts.push(`<text x="${colX(col)}" y="${AXIS_H - 10}" text-anchor="middle">${escapeHtml(site.i18n.year(year))}</text>`);
  }
  if (noYearCol >= 0) parts.push(`<text x="${colX(noYearCol)}" y="${AXIS_H - 10}" text-anchor="middle">${escapeHtml(t('evidenceNoYearColumn'))}</text>`);

  return (
    `<svg class="evidence-svg" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" direction="ltr" aria-labelledby="${ids.title} ${ids.desc}">` +
    `<title id="${ids.title}">${escapeHtml(t('evidenceSvgTitle', { title: map.topic.title }))}</title>` +
    `<desc id="${ids.desc}">${escapeHtml(description)}</desc>` +
    parts.join('') +
    rowsSvg.join('') +
    `<line class="evidence-rule" x1="0" x2="${width}" y1="${y}" y2="${y}"/>` +
    `</svg>`
  );
}

/** The kinds and flags the map uses, each as its shape and in words. */
function MapKey({ site, map }: { site: SiteContext; map: EvidenceMap }) {
  const t = site.i18n.text(directoryText);
  const used = EVIDENCE_KINDS.filter((k) => map.byKind[k] > 0);
  const flags = new Set(map.rows.flatMap((r) => r.marks.map((m) => m.retraction)));
  return (
    <div class="evidence-key">
      <h3>{t('evidenceLegend')}</h3>
      <ul class="plain">
        {used.map((k) => (
          <li>
            {raw(keyIcon(k))} {kindLabel(site, k)}
          </li>
        ))}
        {flags.has('retracted') ? (
          <li>
            {raw(keyIcon('observational', 'retracted'))} {t('evidenceRetractedKey')}
          </li>
        ) : null}
        {flags.has('retraction-notice') || flags.has('erratum') ? (
          <li>
            {raw(keyIcon('observational', 'erratum'))} {t('evidenceCorrectedKey')}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** The same facts as the picture, one row per digest, for screen readers and anyone who prefers a table. */
function EvidenceTable({ site, map }: { site: SiteContext; map: EvidenceMap }) {
  const t = site.i18n.text(directoryText);
  const ct = citationsTextIn(site.i18n);
  const english = langAttributes(site.lang);
  return (
    <table class="data-table evidence-table">
      <caption>{t('evidenceTableCaption', { title: map.topic.title })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('evidenceColTopic')}</th>
          <th scope="col">{t('evidenceColYear')}</th>
          <th scope="col">{t('evidenceColKind')}</th>
          <th scope="col">{t('evidenceColRetraction')}</th>
          <th scope="col">{t('evidenceColDigest')}</th>
        </tr>
      </thead>
      <tbody>
        {map.rows.flatMap((row) =>
          row.marks.map((m) => (
            <tr>
              <th scope="row" {...english}>
                {m.page.title}
              </th>
              <td data-label={t('evidenceColYear')}>{m.year === null ? t('evidenceYearNotRecorded') : site.i18n.year(m.year)}</td>
              <td data-label={t('evidenceColKind')}>{kindLabel(site, m.kind)}</td>
              <td data-label={t('evidenceColRetraction')}>{m.retraction ? retractionText(ct, m.retraction).label : t('evidenceRetractionNone')}</td>
              <td data-label={t('evidenceColDigest')}>
                <a href={digestHref(site, m)} {...(m.citationTitle ? english : {})}>
                  {m.citationTitle ?? t('evidenceDigestLink')}
                </a>
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

/** The reading aid as a paragraph. */
export function ReadingAid({ site, map, thisYear }: { site: SiteContext; map: EvidenceMap; thisYear: number }) {
  return <p class="evidence-aid">{readingAidText(site, readingAid(map, thisYear)).join(' ')}</p>;
}

/** /directory/<slug>/evidence: the map of a topic and everything under it. */
export function EvidencePage({ site, map, thisYear, breadcrumbs }: { site: SiteContext; map: EvidenceMap; thisYear: number; breadcrumbs: Crumb[] }) {
  const t = site.i18n.text(directoryText);
  const path = `/directory/${map.topic.slug}/evidence`;
  const aid = readingAidText(site, readingAid(map, thisYear)).join(' ');
  const english = langAttributes(site.lang);
  return (
    <Layout
      site={site}
      title={t('evidenceMapTitle', { title: map.topic.title })}
      description={t('evidenceMapDescription', { title: map.topic.title })}
      path={path}
      breadcrumbs={[...breadcrumbs, { label: t('evidenceMapCrumb'), href: path }]}
    >
      <h1>{t('evidenceMapTitle', { title: map.topic.title })}</h1>
      <section class="evidence-summary" aria-labelledby="evidence-aid-title">
        <h2 id="evidence-aid-title">{t('evidenceReadingAid')}</h2>
        <p class="evidence-aid">{aid}</p>
      </section>
      {map.total ? (
        <>
          <p>{t('evidenceMapLead')}</p>
          <figure class="evidence-map">
            <div class="evidence-scroll">{raw(evidenceSvg(site, map, { title: 'evidence-svg-title', desc: 'evidence-svg-desc' }, aid))}</div>
            <MapKey site={site} map={map} />
          </figure>
          <h2 id="evidence-table-title">{t('evidenceTableTitle')}</h2>
          <div class="table-scroll">
            <EvidenceTable site={site} map={map} />
          </div>
        </>
      ) : (
        <p>{t('evidenceMapNone')}</p>
      )}
      {map.withoutDigests.length ? (
        <p class="evidence-missing">
          {t('evidenceWithoutDigests')} <span {...english}><PageLinks site={site} pages={map.withoutDigests} /></span>
        </p>
      ) : null}
      <p>
        <a href={site.i18n.path(`/directory/${map.topic.slug}`)}>{t('evidenceBackToTopic', { title: map.topic.title })}</a>
      </p>
    </Layout>
  );
}

/**
 * On the topic page: the reading aid and a link to the map. The map itself
 * has its own page: at 375 px a chart of thirty causes and its table twin
 * would push the topic's own text several screens down, while one sentence
 * gives the gist and the link leads to the whole picture.
 */
export function EvidenceAtAGlance({ site, map, thisYear }: { site: SiteContext; map: EvidenceMap | null; thisYear: number }): Child {
  if (!map || map.total === 0) return null;
  const t = site.i18n.text(directoryText);
  return (
    <section class="evidence-glance" aria-labelledby="evidence-glance-title">
      <h2 id="evidence-glance-title">{t('evidenceSectionTitle')}</h2>
      <ReadingAid site={site} map={map} thisYear={thisYear} />
      <p>
        <a href={site.i18n.path(`/directory/${map.topic.slug}/evidence`)}>{t('evidenceSectionLink')}</a>
      </p>
    </section>
  );
}

/**
 * Results of other domains in search (forum posts, stories), in the same
 * shape as the directory's: a linked title, where and when, and the words
 * around the match with matched words marked. Used by their own search pages
 * and by their sections under the site search's results.
 */
import type { Child } from 'hono/jsx';
import { type Lang, langAttributes } from '../../i18n/languages.js';
import type { SiteContext } from '../../web/site-context.js';
import type { Segment } from '../snippet.js';

export interface RecordHitView {
  href: string;
  title: string;
  /** Where and when: "Reply in Living with scleroderma · 2 December 2026". */
  place: Child;
  /** The record's language; null when unknown (no lang attribute then). */
  lang: Lang | null;
  snippet: Segment[];
}

export function RecordHits({ site, hits }: { site: SiteContext; hits: RecordHitView[] }) {
  return (
    <ol class="search-results">
      {hits.map((hit) => {
        const inLang = hit.lang ? langAttributes(site.lang, hit.lang) : {};
        return (
          <li class="search-result">
            <h3 class="result-title">
              <a href={hit.href} dir="auto" {...inLang}>
                {hit.title}
              </a>
            </h3>
            <p class="hit-place">
              <span class="hit-kind">{hit.place}</span>
            </p>
            {hit.snippet.length ? (
              <p class="hit-snippet" dir="auto" {...inLang}>
                {hit.snippet.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** A domain's section under the site search's results: its best few matches and a link to all of them. */
export function RecordResultsSection(props: { site: SiteContext; id: string; heading: string; intro: string; hits: RecordHitView[]; more: { href: string; label: string } }) {
  return (
    <section class="search-more-results" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <p>{props.intro}</p>
      <RecordHits site={props.site} hits={props.hits} />
      <p>
        <a href={props.more.href}>{props.more.label}</a>
      </p>
    </section>
  );
}

/** A search box for one domain's records: a GET form to its own results page, with any fixed fields (a category) and extra controls. */
export function RecordSearchForm(props: { site: SiteContext; action: string; id: string; label: string; button: string; q?: string; hidden?: Record<string, string>; children?: Child }) {
  return (
    <form class="record-search" role="search" method="get" action={props.site.i18n.path(props.action)} aria-label={props.label}>
      <div class="field">
        <label for={props.id}>{props.label}</label>
        <div class="search-field-wrap">
          <input id={props.id} name="q" type="search" value={props.q ?? ''} maxlength={200} autocomplete="off" />
          {Object.entries(props.hidden ?? {}).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class="button">
            {props.button}
          </button>
        </div>
      </div>
      {props.children}
    </form>
  );
}

import type { CurrentUser } from '../../accounts/context.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import { LANGUAGES, type Lang, TRANSLATED_LANGS } from '../../i18n/languages.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { translationsText } from '../messages/index.js';
import type { DashboardRow } from '../queries.js';

export interface LanguageWork {
  lang: Lang;
  outdated: DashboardRow[];
  waiting: DashboardRow[];
  untranslated: DashboardRow[];
}

export interface TranslatorFrame {
  site: SiteContext;
  user: CurrentUser;
  csrfToken: string;
}

/** The translators' dashboard: per language, what is out of date, what waits for review, what is not translated (most linked first). */
export function TranslationDashboardPage(props: TranslatorFrame & { work: LanguageWork[]; mine: Array<{ lang: Lang; credentials: string; reviews: boolean }>; mayReview: boolean; notice?: string | undefined }) {
  const { site } = props;
  const t = site.i18n.text(translationsText);
  const date = (iso: string | null) => (iso ? site.i18n.date(iso.slice(0, 10)) : '');
  const editLink = (lang: Lang, row: DashboardRow) => (
    <a href={`/translate/${lang}/${row.slug}`} lang="en" dir="ltr">
      {row.title}
    </a>
  );
  return (
    <Layout site={site} title={t('dashboardTitle')} noindex user={props.user} csrfToken={props.csrfToken}>
      <h1>{t('dashboardTitle')}</h1>
      <p>{t('dashboardIntro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.work.map((w) => (
        <section class="panel translation-language" aria-labelledby={`lang-${w.lang}`}>
          <h2 id={`lang-${w.lang}`} lang={w.lang} dir={LANGUAGES[w.lang].dir}>
            {LANGUAGES[w.lang].nativeName}
          </h2>
          <h3>{t('outdatedTitle')}</h3>
          {w.outdated.length ? (
            <ul>
              {w.outdated.map((row) => (
                <li>
                  {editLink(w.lang, row)}: {t('outdatedRow', { count: row.count, date: date(row.since) })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('outdatedNone')}</p>
          )}
          <h3>{t('waitingTitle')}</h3>
          {w.waiting.length ? (
            <ul>
              {w.waiting.map((row) => (
                <li>
                  {editLink(w.lang, row)}: {t('waitingRow', { number: row.count, date: date(row.since), name: row.by ?? t('someone') })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('waitingNone')}</p>
          )}
          <h3>{t('untranslatedTitle')}</h3>
          {w.untranslated.length ? (
            <ol>
              {w.untranslated.map((row) => (
                <li>
                  {editLink(w.lang, row)}: {t('untranslatedRow', { count: row.count })}
                </li>
              ))}
            </ol>
          ) : (
            <p>{t('untranslatedNone')}</p>
          )}
        </section>
      ))}
      <section aria-labelledby="my-languages">
        <h2 id="my-languages">{t('myLanguagesTitle')}</h2>
        <p>{t('myLanguagesHint')}</p>
        <form method="post" action="/translate/languages">
          <CsrfField token={props.csrfToken} />
          {TRANSLATED_LANGS.map((lang) => {
            const mine = props.mine.find((m) => m.lang === lang);
            return (
              <fieldset class="translator-language">
                <legend lang={lang} dir={LANGUAGES[lang].dir}>
                  {LANGUAGES[lang].nativeName}
                </legend>
                <div class="choice">
                  <input type="checkbox" id={`translates-${lang}`} name={`translates-${lang}`} value="yes" checked={Boolean(mine)} />
                  <label for={`translates-${lang}`}>{t('fieldTranslates')}</label>
                </div>
                <div class="field">
                  <label for={`credentials-${lang}`}>{t('fieldCredentials')}</label>
                  <div class="hint" id={`credentials-${lang}-hint`}>
                    {t('hintCredentials')}
                  </div>
                  <input type="text" id={`credentials-${lang}`} name={`credentials-${lang}`} value={mine?.credentials ?? ''} maxlength={300} aria-describedby={`credentials-${lang}-hint`} dir="auto" />
                </div>
                {props.mayReview ? (
                  <div class="choice">
                    <input type="checkbox" id={`reviews-${lang}`} name={`reviews-${lang}`} value="yes" checked={Boolean(mine?.reviews)} aria-describedby={`reviews-${lang}-hint`} />
                    <label for={`reviews-${lang}`}>{t('fieldReviews')}</label>
                    <p class="hint" id={`reviews-${lang}-hint`}>
                      {t('hintReviews')}
                    </p>
                  </div>
                ) : null}
              </fieldset>
            );
          })}
          <button type="submit" class="button">
            {t('saveLanguages')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

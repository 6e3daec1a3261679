import type { CodeSystem } from '../clinical-codes.js';
import type { CodeGroup } from '../presenter.js';
import type { SiteContext } from '../../web/site-context.js';
import { directoryText } from '../messages/index.js';
import type { KeyOf } from '../../i18n/catalogue.js';

type DirectoryKey = KeyOf<typeof directoryText>;

/** What each system is, in the reader's language, and who answers its links. */
const SYSTEM_WORDS: Record<CodeSystem, { name: DirectoryKey; source: DirectoryKey }> = {
  'ICD-10-CM': { name: 'codesSystemIcd10cm', source: 'codesSourceIcd10cm' },
  'ICD-11': { name: 'codesSystemIcd11', source: 'codesSourceIcd11' },
  ORPHA: { name: 'codesSystemOrpha', source: 'codesSourceOrpha' },
  MeSH: { name: 'codesSystemMesh', source: 'codesSourceMesh' },
  'SNOMED CT': { name: 'codesSystemSnomed', source: 'codesSourceSnomed' },
  OMIM: { name: 'codesSystemOmim', source: 'codesSourceOmim' },
};

/** The small "Medical codes" box of a topic page: each code, linked to the body that keeps it. */
export function MedicalCodes({ site, groups }: { site: SiteContext; groups: CodeGroup[] }) {
  if (!groups.length) return null;
  const t = site.i18n.text(directoryText);
  return (
    <aside class="medical-codes" aria-labelledby="medical-codes-title">
      <h2 id="medical-codes-title">{t('codesTitle')}</h2>
      <p>{t('codesLead')}</p>
      <dl>
        {groups.map((group) => {
          const words = SYSTEM_WORDS[group.system];
          const linked = group.codes.some((c) => c.href);
          return (
            <div>
              <dt>
                <span dir="ltr" class="code-system">
                  {group.system}
                </span>{' '}
                <span class="code-system-name">{t(words.name)}</span>
              </dt>
              <dd>
                {group.codes.map((code, i) => (
                  <>
                    {i > 0 ? t('listSeparator') : ''}
                    {code.href ? (
                      <a href={code.href} dir="ltr" class="code">
                        {code.label}
                      </a>
                    ) : (
                      <span dir="ltr" class="code">
                        {code.label}
                      </span>
                    )}
                  </>
                ))}
                {linked ? <span class="code-source"> {t('codesLinksTo', { source: t(words.source) })}</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </aside>
  );
}

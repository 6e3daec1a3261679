import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../web/package-root.js';
import { CATALOGUES } from './catalogues.js';
import { TRANSLATED_LANGS } from './languages.js';
import { messageShape } from './message-shape.js';

describe('interface catalogues', () => {
  test('every domain with a messages folder is listed in src/i18n/catalogues.ts', () => {
    const src = join(packageRoot(), 'src');
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(join(src, d.name)).includes('messages'))
      .map((d) => d.name)
      .sort();
    expect(CATALOGUES.map((c) => c.name).sort()).toEqual(folders);
  });

  for (const catalogue of CATALOGUES) {
    describe(catalogue.name, () => {
      const keys = Object.keys(catalogue.source);

      test('every English message is valid ICU MessageFormat', () => {
        const broken = keys.flatMap((key) => {
          try {
            messageShape(catalogue.source[key]!);
            return [];
          } catch (error) {
            return [`${key}: ${(error as Error).message}`];
          }
        });
        expect(broken).toEqual([]);
      });

      for (const lang of TRANSLATED_LANGS) {
        test(`${lang}: every key translated, nothing extra, same arguments and tags as English`, () => {
          const translations = catalogue.translations[lang] ?? {};
          const missing = keys.filter((key) => !translations[key]?.trim());
          const extra = Object.keys(translations).filter((key) => !Object.hasOwn(catalogue.source, key));
          const mismatched = keys.flatMap((key) => {
            const text = translations[key];
            if (!text) return [];
            try {
              const want = messageShape(catalogue.source[key]!);
              const got = messageShape(text);
              return JSON.stringify(want) === JSON.stringify(got) ? [] : [`${key}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`];
            } catch (error) {
              return [`${key}: not valid ICU (${(error as Error).message})`];
            }
          });
          expect({ missing, extra, mismatched }).toEqual({ missing: [], extra: [], mismatched: [] });
        });
      }
    });
  }

  test('the shape check can fail: a lost placeholder or tag is seen', () => {
    expect(messageShape('E-mail: <link>{email}</link>')).toEqual({ arguments: ['email'], tags: ['link'] });
    expect(messageShape('Correo: {email}')).toEqual({ arguments: ['email'], tags: [] });
    expect(messageShape('{count, plural, one {# page} other {# pages of {title}}}')).toEqual({ arguments: ['count', 'title'], tags: [] });
    expect(() => messageShape('Broken {')).toThrow();
  });
});

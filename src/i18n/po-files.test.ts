import { po } from 'gettext-parser';
import { describe, expect, test } from 'vitest';
import { defineCatalogue } from './catalogue.js';
import { catalogueToPo, poToCatalogue } from './po-files.js';

const web = defineCatalogue('web', { hello: 'Hello {name}', link: 'Read <a>this</a>', plain: 'Plain', old: 'Old text' }, { es: { hello: 'Hola {name}' } }, { hello: 'A greeting.' });

describe('PO files for translators', () => {
  test('export: one entry per message with context, English source, translation and the translator note', () => {
    const file = po.parse(catalogueToPo([web], 'es'));
    expect(file.headers.Language).toBe('es');
    const entry = file.translations['web:hello']!['Hello {name}']!;
    expect(entry.msgstr).toEqual(['Hola {name}']);
    expect(entry.comments?.extracted).toContain('A greeting.');
    expect(file.translations['web:plain']!.Plain!.msgstr).toEqual(['']);
  });

  test('import takes finished entries made from the current English, and says what it left out and why', () => {
    const text = catalogueToPo([web], 'es').toString('utf8')
      .replace('msgid "Read <a>this</a>"\nmsgstr ""', 'msgid "Read <a>this</a>"\nmsgstr "Lea <b>esto</b>"')
      .replace('msgid "Plain"\nmsgstr ""', 'msgid "Plain"\nmsgstr "Sencillo"')
      .replace('msgid "Old text"\nmsgstr ""', 'msgid "Older English"\nmsgstr "Texto"');
    const result = poToCatalogue([web], text, 'es');
    expect(result.byCatalogue.get('web')).toEqual({ hello: 'Hola {name}', plain: 'Sencillo' });
    expect(result.rejected).toEqual(['web:link: tags <b> instead of <a>']);
    expect(result.outdated).toEqual(['web:old']);
    expect(() => poToCatalogue([web], catalogueToPo([web], 'fr'), 'es')).toThrow(/for language "fr"/);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePageBody, parsePageFile } from '../content/page-file.js';
import { PageDocument } from '../directory/document.js';
import { packageRoot } from '../web/package-root.js';
import { FIELD_IDS, documentFromForm, emptyForm, formFromDocument } from './page-form.js';
import { serializeBody } from './page-source.js';
import { createI18n } from '../i18n/localizer.js';
import { editingTextOf } from './views/text.js';

const english = editingTextOf(createI18n().forLang('en'));

const pagesDir = join(packageRoot(), 'content', 'pages');
const demoPages = readdirSync(pagesDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => PageDocument.parse(parsePageFile(readFileSync(join(pagesDir, f), 'utf8'), f.slice(0, -3))));

describe('the page form', () => {
  it.each(demoPages.map((d) => [d.slug, d] as const))('gives back every demo page unchanged: %s', (_slug, doc) => {
    const read = documentFromForm(formFromDocument(doc, 7), english);
    expect(read.errors).toEqual([]);
    const back = PageDocument.parse(read.document);
    // Dates and review fields are the service's to carry; everything the form edits must survive.
    const edited = (d: PageDocument) => ({ ...d, createdOn: null, updatedOn: null, reviewedOn: null, reviewedByKey: null, nextReviewOn: null, footnotes: d.footnotes.map((f) => f.replace(/\s*\n\s*/g, ' ')) });
    expect(edited(back)).toEqual(edited(doc));
  });

  it('keeps the "Listed as" name through the form, and a blank one means the default', () => {
    const doc = { ...demoPages[0]!, sortTitle: 'Quartz dust' };
    const form = formFromDocument(doc, 7);
    expect(form.sortTitle).toBe('Quartz dust');
    expect(PageDocument.parse(documentFromForm(form, english).document).sortTitle).toBe('Quartz dust');
    expect(PageDocument.parse(documentFromForm({ ...form, sortTitle: '   ' }, english).document).sortTitle).toBeNull();
    const tooLong = documentFromForm({ ...form, sortTitle: 'x'.repeat(201) }, english);
    expect(tooLong.errors.map((e) => e.field)).toEqual([FIELD_IDS.sortTitle]);
  });

  it('writes any section structure so that the body parser reads it back', () => {
    const text = fc.stringMatching(/^[A-Za-z][A-Za-z ,.'"#:\-]{0,40}[A-Za-z.]$/);
    const body = fc
      .array(fc.oneof(text, fc.constant('## Not a heading'), fc.constant('Also see: [[x]]'), fc.constant(':::'), fc.constant('')), { minLength: 1, maxLength: 5 })
      .map((lines) => lines.join('\n').trim())
      .filter((b) => b.length > 0);
    const link = fc.record({ target: text, label: text });
    const entry = fc.oneof(
      body.map((b) => ({ kind: 'summary' as const, body: b })),
      fc.record({ kind: fc.constant('research' as const), citationKey: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), body }),
      fc.record({ kind: fc.constant('news' as const), outlet: text, date: fc.constant('2020-02-29'), headline: text, body }),
    );
    const section = fc.record({
      heading: fc.option(fc.stringMatching(/^[A-Z][A-Za-z ?]{0,30}[a-z?]$/), { nil: null }),
      entries: fc.array(entry, { maxLength: 4 }),
      subArticles: fc.array(link, { maxLength: 3 }),
      alsoSee: fc.array(link, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(section, { minLength: 1, maxLength: 4 }), (sections) => {
        // Only the first section may be the introduction, and an empty one is dropped by the reader.
        // A lone ":::" line inside an entry cannot be written in the format at all.
        const valid = sections
          .map((s, i) => ({ ...s, heading: i === 0 ? s.heading : (s.heading ?? `Part ${i}`), entries: s.entries.filter((e) => !e.body.split('\n').some((l) => /^:::\s*$/.test(l))) }))
          .filter((s) => s.heading !== null || s.entries.length || s.subArticles.length || s.alsoSee.length);
        expect(parsePageBody(serializeBody(valid))).toEqual(valid);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a headline with double quotes', () => {
    const sections = [{ heading: 'News', entries: [{ kind: 'news' as const, outlet: 'The "Daily"', date: '2020-01-01', headline: 'A \\ "cure"?', body: 'Text.' }], subArticles: [], alsoSee: [] }];
    expect(parsePageBody(serializeBody(sections))).toEqual(sections);
  });

  it('points a body syntax error at its line and keeps the field text', () => {
    const form = emptyForm({ title: 'T', body: 'Intro.\n\n## Heading\n\n::: research\nNo citation.\n:::\n' });
    const read = documentFromForm(form, english);
    expect(read.document).toBeNull();
    expect(read.errors).toEqual([{ field: FIELD_IDS.body, message: expect.stringMatching(/^Page text, line 5: "::: research" needs its citation/) }]);
    expect(form.body).toContain('No citation.');
  });

  it('reports every problem at once, each next to its field, in the editor’s words', () => {
    const read = documentFromForm(
      emptyForm({
        title: 'x'.repeat(250),
        slug: 'Not A Slug',
        position: 'first',
        reviewIntervalMonths: '0',
        alsoSee: 'Raynaud, [[Lupus]]',
        body: '## Treatment\n\n::: news outlet="Paper" date="2021-02-30"\nText.\n:::\n',
      }),
      english,
    );
    // In the order of the form, top to bottom.
    expect(read.errors).toEqual([
      { field: FIELD_IDS.title, message: 'The title must be at most 200 characters' },
      { field: FIELD_IDS.slug, message: 'The address may use only lower-case letters, digits and single hyphens' },
      { field: FIELD_IDS.position, message: 'The position must be a whole number, 0 or more' },
      { field: FIELD_IDS.reviewIntervalMonths, message: 'The review interval must be a whole number of months, from 1 to 120' },
      { field: FIELD_IDS.alsoSee, message: 'Also see: write each page as [[Page title]], separated by commas' },
      { field: FIELD_IDS.body, message: 'Page text, line 3 (news digest under “Treatment”): the date is not a real calendar date' },
    ]);
  });

  it('says what is wrong in the editor’s language, with the same facts (field, line, limit)', () => {
    const form = emptyForm({
      title: 'x'.repeat(250),
      slug: 'Not A Slug',
      position: 'first',
      reviewIntervalMonths: '0',
      alsoSee: 'Raynaud, [[Lupus]]',
      body: '## Treatment\n\n::: news outlet="Paper" date="2021-02-30"\nText.\n:::\n',
    });
    const spanish = documentFromForm(form, editingTextOf(createI18n().forLang('es')));
    expect(spanish.errors).toEqual([
      { field: FIELD_IDS.title, message: 'El título debe tener como máximo 200 caracteres' },
      { field: FIELD_IDS.slug, message: 'La dirección solo puede tener letras minúsculas, cifras y guiones simples' },
      { field: FIELD_IDS.position, message: 'La posición debe ser un número entero, 0 o más' },
      { field: FIELD_IDS.reviewIntervalMonths, message: 'El intervalo de revisión debe ser un número entero de meses, de 1 a 120' },
      { field: FIELD_IDS.alsoSee, message: 'Véase también: escriba cada página como [[Título de la página]], separadas por comas' },
      { field: FIELD_IDS.body, message: 'Texto de la página, línea 3 (resumen de noticia en «Treatment»): la fecha no es una fecha real del calendario' },
    ]);
    const arabic = documentFromForm(form, editingTextOf(createI18n().forLang('ar')));
    expect(arabic.errors.map((e) => e.field)).toEqual(spanish.errors.map((e) => e.field));
    expect(arabic.errors[0]!.message).toMatch(/^العنوان: يجب ألا يتجاوز (200|٢٠٠) حرف$/);
    // Names typed by people sit in direction isolates, so Latin text reads right in an Arabic sentence.
    expect(arabic.errors[5]!.message).toContain('«\u2068Treatment\u2069»');
  });

  it('makes the address from the title when it is left blank', () => {
    const read = documentFromForm(emptyForm({ title: 'Causes: Raynaud’s', body: 'Text.' }), english);
    expect(read.document?.slug).toBe('causes-raynauds');
    expect(read.positionBlank).toBe(true);
  });

  it('reads medical codes one per line, and says which line is wrong, in the editor’s language, keeping what was typed', () => {
    const codes = 'ICD-10-CM:M34.9\n\nORPHA:90291\nICD-9:710.1\nMeSH:D12595\nSNOMED CT:73211008';
    const form = emptyForm({ title: 'Codes', body: 'Text.', codes });
    const read = documentFromForm(form, english);
    expect(read.document).toBeNull();
    expect(read.errors).toEqual([
      { field: FIELD_IDS.codes, message: 'Medical codes, line 4: "ICD-9" is not a code system we know: use ICD-10-CM, ICD-11, ORPHA, MeSH, SNOMED CT or OMIM' },
      { field: FIELD_IDS.codes, message: 'Medical codes, line 5: "D12595" is not in the form of MeSH codes (for example D012595)' },
      { field: FIELD_IDS.codes, message: 'Medical codes, line 6: "73211008" is not a SNOMED CT identifier: its check digit is wrong' },
    ]);
    expect(form.codes).toBe(codes);
    const spanish = documentFromForm(form, editingTextOf(createI18n().forLang('es')));
    expect(spanish.errors[0]!.message).toBe('Códigos médicos, línea 4: «ICD-9» no es un sistema de códigos que conozcamos: use ICD-10-CM, ICD-11, ORPHA, MeSH, SNOMED CT u OMIM');

    const good = documentFromForm(emptyForm({ title: 'Codes', body: 'Text.', codes: 'icd-10-cm: m349\nORPHA:90291' }), english);
    expect(good.errors).toEqual([]);
    expect(good.document!.codes).toEqual([{ system: 'ICD-10-CM', code: 'M34.9' }, { system: 'ORPHA', code: '90291' }]);
    const twice = documentFromForm(emptyForm({ title: 'Codes', body: 'Text.', codes: 'ORPHA:90291\nORPHA 90291' }), english);
    expect(twice.errors).toEqual([{ field: FIELD_IDS.codes, message: 'ORPHA 90291 is listed twice' }]);
  });
});

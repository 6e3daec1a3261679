import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import type { Role } from '../accounts/context.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';
import { editorForm, inputValue, textarea } from '../editing/test-support/form-html.js';
import { declareInterests } from '../editing/test-support/fixtures.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('translations through the editor and the review workflow', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const db = () => t.atoz.database.db;
  const signedIn = async (role: Role, name: string) => {
    const user = await seedUser(db(), role, { name });
    return { user, client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const open = async (client: SessionClient, path: string) => {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const reader = async (path: string) => (await t.request(path)).text();

  /** An English edit taken through save → review → publish, as editors do it. */
  async function publishEnglishEdit(slug: string, change: (body: string) => string, impact: 'normal' | 'minor' | 'safety') {
    const editor = await signedIn('editor', 'Eve Editor');
    const reviewer = await signedIn('reviewer', 'Dr Ravi Reviewer');
    const html = await open(editor.client, `/edit/${slug}`);
    expect(html).toContain('Minor change, translations stay valid');
    const saved = await editor.client.post(`/edit/${slug}`, editorForm(html, { body: change(textarea(html, 'f-body')), translationImpact: impact }));
    expect(saved.status).toBe(303);
    const draft = await open(editor.client, `/edit/${slug}`);
    const revisionId = new RegExp(`action="/edit/${slug}/submit"[\\s\\S]*?name="revisionId" value="(\\d+)"`).exec(draft)![1]!;
    expect((await editor.client.post(`/edit/${slug}/submit`, { revisionId })).status).toBe(303);
    expect((await reviewer.client.post(`/edit/${slug}/approve`, { revisionId })).status).toBe(303);
    // Everyone the page names has declared their interests, as publishing requires.
    await declareInterests(db());
    expect((await editor.client.post(`/edit/${slug}/publish`, { revisionId })).status).toBe(303);
  }

  test('an English edit makes the translation of the changed section outdated, showing what changed', async () => {
    expect(await reader('/es/directory/causes-genetics')).not.toContain('La página en inglés cambió');
    await publishEnglishEdit('causes-genetics', (body) => body.replace('It also covers studies of twins', 'It also covers the studies of twins'), 'normal');
    const page = await reader('/es/directory/causes-genetics');
    expect(page).toContain('1 sección está desactualizada.');
    expect(page).toMatch(/<section class="topic-section" aria-labelledby="topics-in-genetics-research">[\s\S]*?La página en inglés cambió el/);
    expect(page).toMatch(/<ins><span class="visually-hidden" lang="es">\[añadido\] <\/span>the <span/);
    // The translation still shows, and the introduction is current.
    expect(page).toContain('La investigación sobre los genes y la esclerodermia');
    expect(page).toContain('2 de 3 secciones traducidas.');
    // French readers are told too.
    expect(await reader('/fr/directory/causes-genetics')).toContain('1 section n’est plus à jour.');
  });

  test('a minor English edit leaves the translations valid', async () => {
    await publishEnglishEdit('causes-radiation', (body) => body.replace('problems of its own.', 'problems of its own!'), 'minor');
    expect(await reader('/directory/causes-radiation')).toContain('problems of its own!');
    const page = await reader('/es/directory/causes-radiation');
    expect(page).toContain('2 de 2 secciones traducidas.');
    expect(page).not.toContain('desactualizada');
  });

  test('a safety-relevant English edit shows readers the current English of that section until it is translated again', async () => {
    await publishEnglishEdit('causes-stress', (body) => body.replace('These changes can\nlead to illness.', 'These changes can\nlead to illness, placeholder for a safety edit.'), 'safety');
    const page = await reader('/fr/directory/causes-stress');
    expect(page).toContain('sur un point important pour la sécurité');
    expect(page).toContain('<strong>Texte anglais actuel</strong>');
    expect(page).toMatch(/<div lang="en" dir="ltr"><p>Stress brings changes/);
    expect(page).not.toContain('Le stress entraîne des changements');
  });

  test('a translator translates a section side by side with the English; a reviewer who reads the language approves it', async () => {
    const translator = await signedIn('editor', 'Tala Translator');
    const form = await open(translator.client, '/translate/ar/causes-silica');
    expect(form).toContain('Being exposed to silica can lead to autoimmune diseases.');
    expect(inputValue(form, 'title')).toBe('');
    const sent = await translator.client.post('/translate/ar/causes-silica', {
      baseRevisionId: '0',
      intent: 'submit',
      title: 'الأسباب: السيليكا',
      'entry-introduction-0': 'نص تجريبي للاختبار.',
      translators: 'Tala Translator | مترجمة',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/translate/ar/causes-silica?notice=submitted');
    // Not yet what readers see.
    expect(await reader('/ar/directory/causes-silica')).toContain('لم تُترجم هذه الصفحة إلى هذه اللغة بعد');

    const reviewer = await signedIn('reviewer', 'Rana Reviewer');
    const dashboard = await open(reviewer.client, '/translate');
    expect(dashboard).toMatch(/Waiting for review[\s\S]*?Causes: Silica<\/a>: Revision 1, sent on/);
    const review = await open(reviewer.client, '/translate/ar/causes-silica');
    expect(review).toContain('A reviewer who reads this language, and did not write this revision, approves it.');
    const revisionId = (await db().selectFrom('translation_revisions').select('id').where('state', '=', 'in_review').where('lang', '=', 'ar').executeTakeFirstOrThrow()).id;
    const refused = await reviewer.client.post('/translate/ar/causes-silica/approve', { revisionId: String(revisionId) });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('You do not review translations into this language.');

    expect((await reviewer.client.post('/translate/languages', { 'translates-ar': 'yes', 'credentials-ar': 'Arabic native speaker', 'reviews-ar': 'yes' })).status).toBe(303);
    expect(await open(reviewer.client, '/translate/ar/causes-silica')).toContain('Approve and publish revision 1');
    const approved = await reviewer.client.post('/translate/ar/causes-silica/approve', { revisionId: String(revisionId) });
    expect(approved.status).toBe(303);

    const page = await reader('/ar/directory/causes-silica');
    expect(page).toContain('<h1 id="page-title">الأسباب: السيليكا</h1>');
    expect(page).toContain('نص تجريبي للاختبار.');
    expect(page).toContain('راجع الترجمة Rana Reviewer في');
    expect(page).toContain('تُرجم 1 من قسمين.');
    // The untranslated section is in English, marked as such.
    expect(page).toMatch(/لم يُترجم هذا القسم بعد، لذلك يظهر بالإنجليزية\./);
    expect(page).toMatch(/<h2 id="more-on-this-topic" lang="en" dir="ltr">More on this topic<\/h2>/);
  });

  test('each revision of a translation shows what it changed from the one before, word by word, in the translation’s language', async () => {
    const translator = await signedIn('editor', 'Dana Diff');
    const save = async (base: string, text: string, summary: string) =>
      translator.client.post('/translate/ar/causes-radiation', { baseRevisionId: base, intent: 'save', title: 'الأسباب: الإشعاع', 'entry-introduction-0': text, translators: 'Dana Diff', editSummary: summary, summary });
    expect((await save('0', 'نص أول للاختبار.', '')).status).toBe(303);
    const first = await db().selectFrom('translation_revisions').select(['id', 'number']).where('lang', '=', 'ar').orderBy('id', 'desc').executeTakeFirstOrThrow();
    // A second revision: another translator's words saved over the first's.
    const other = await signedIn('editor', 'Omar Other');
    expect((await other.client.post('/translate/ar/causes-radiation', { baseRevisionId: String(first.id), intent: 'save', title: 'الأسباب: الإشعاع', 'entry-introduction-0': 'نص ثان للاختبار.', translators: 'Dana Diff' })).status).toBe(303);
    const second = await db().selectFrom('translation_revisions').select(['number']).where('lang', '=', 'ar').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(second.number).toBeGreaterThan(first.number);

    const editor = await open(other.client, '/translate/ar/causes-radiation');
    expect(editor).toContain(`href="/translate/ar/causes-radiation/changes/${second.number}"`);
    const changes = await open(other.client, `/translate/ar/causes-radiation/changes/${second.number}`);
    expect(changes).toContain(`compared with revision ${first.number}.`);
    expect(changes).toMatch(/<div class="diff" role="region"[^>]*lang="ar"/);
    expect(changes).toMatch(/<del>.*?أول.*?<\/del>/s);
    expect(changes).toMatch(/<ins>.*?ثان.*?<\/ins>/s);
    const firstChanges = await open(other.client, `/translate/ar/causes-radiation/changes/${first.number}`);
    expect(firstChanges).toContain('the first revision, so all of it is new.');
    expect((await other.client.get('/translate/ar/causes-radiation/changes/999')).status).toBe(404);
  });

  test('a reviewer sends a translation back with what to change; every step is in the audit log', async () => {
    const translator = await signedIn('translator', 'Sam Sender');
    const fields = { baseRevisionId: '0', intent: 'submit', title: 'Causas: autoinmunidad', translators: 'Sam Sender | traductor' };
    expect((await translator.client.post('/translate/es/causes-autoimmunity', fields)).status).toBe(303);
    const revisionId = String((await db().selectFrom('translation_revisions').select('id').where('state', '=', 'in_review').where('lang', '=', 'es').executeTakeFirstOrThrow()).id);

    const reviewer = await signedIn('reviewer', 'Rosa Reviewer');
    expect((await reviewer.client.post('/translate/languages', { 'translates-es': 'yes', 'credentials-es': 'Spanish native speaker', 'reviews-es': 'yes' })).status).toBe(303);
    const review = await open(reviewer.client, '/translate/es/causes-autoimmunity');
    expect(review).toContain('Send revision 1 back to the translator');
    // Without saying what to change, nothing happens and the form says why.
    const empty = await reviewer.client.post('/translate/es/causes-autoimmunity/send-back', { revisionId, comment: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('href="#comment"');
    const sent = await reviewer.client.post('/translate/es/causes-autoimmunity/send-back', { revisionId, comment: 'Falta traducir el resumen.' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/translate/es/causes-autoimmunity?notice=sentBack');
    expect((await db().selectFrom('translation_revisions').select('state').where('id', '=', Number(revisionId)).executeTakeFirstOrThrow()).state).toBe('draft');
    // Only a revision waiting for review can be sent back.
    expect((await reviewer.client.post('/translate/es/causes-autoimmunity/send-back', { revisionId, comment: 'Otra vez.' })).status).toBe(409);

    const again = await open(translator.client, '/translate/es/causes-autoimmunity');
    expect(again).toContain('Sent back by the reviewer');
    expect(again).toContain('Falta traducir el resumen.');

    const admin = await signedIn('admin', 'Ada Admin');
    const log = await open(admin.client, '/admin/audit');
    for (const action of ['translation.save', 'translation.submit', 'translation.send_back']) expect(log, action).toContain(`<code>${action}</code>`);
    expect(log).toContain('es/causes-autoimmunity');
    expect(log).toContain('comment: Falta traducir el resumen.');
    // The filter knows the new actions.
    expect(await open(admin.client, '/admin/audit?action=translation.send_back')).not.toContain('<code>translation.save</code>');
  });

  test('approving a translation is in the audit log, by the reviewer', async () => {
    const rows = await db().selectFrom('audit_log').select(['action', 'subject_type', 'subject_id', 'actor_user_id']).where('action', '=', 'translation.approve').execute();
    // The Arabic silica translation approved above.
    expect(rows).toContainEqual(expect.objectContaining({ subject_type: 'translation', subject_id: 'ar/causes-silica' }));
    const reviewer = await db().selectFrom('users').select('id').where('name', '=', 'Rana Reviewer').executeTakeFirstOrThrow();
    expect(rows.find((r) => r.subject_id === 'ar/causes-silica')!.actor_user_id).toBe(reviewer.id);
  });

  test('the translation editor measures readability by the language’s own formula, and says when it has none', async () => {
    const translator = await signedIn('translator', 'Rita Reader');
    const spanish = await open(translator.client, '/translate/es/causes-silica');
    expect(spanish).toContain('Fernández Huerta reading ease');
    // The demo translation's own text is measured: a score and the words counted.
    expect(spanish).toMatch(/<dd>\d+(\.\d)?: (within the target|above|below)/);
    expect(spanish).toMatch(/Measured on the summary and every translated text: \d+ words in \d+ sentences/);
    expect(await open(translator.client, '/translate/fr/causes-silica')).toContain('Kandel–Moles reading ease');
    const arabic = await open(translator.client, '/translate/ar/causes-of-scleroderma');
    expect(arabic).toContain('No readability formula is used for Arabic');
    expect(arabic).not.toContain('reading ease');
    // A form sent back with a problem is measured as typed.
    const bad = await translator.client.post('/translate/es/causes-radiation', { baseRevisionId: '0', intent: 'save', title: '', summary: 'El sol sale. La casa es azul.', translators: 'Rita' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/7 words in 2 sentences/);
  });

  test('the translation editor previews the page as readers would see the unsaved translation', async () => {
    const translator = await signedIn('translator', 'Pia Previewer');
    const before = await db().selectFrom('translation_revisions').select('id').execute();
    const res = await translator.client.post('/translate/fr/causes-autoimmunity', {
      baseRevisionId: '0', intent: 'preview', title: 'Causes : auto-immunité (aperçu)', summary: 'Résumé d’essai pour l’aperçu.', translators: 'Pia Previewer',
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2 id="preview-title">Preview</h2>');
    // The reader's view of the page, in the translation's words and language, with its notices.
    expect(html).toMatch(/<section class="preview"[^]*<h1 id="page-title" lang="fr" dir="ltr">Causes : auto-immunité \(aperçu\)<\/h1>/);
    expect(html).toMatch(/<section class="preview"[^]*Résumé d’essai pour l’aperçu\./);
    // The form comes back as typed, and nothing was saved.
    expect(inputValue(html, 'title')).toBe('Causes : auto-immunité (aperçu)');
    expect(await db().selectFrom('translation_revisions').select('id').execute()).toEqual(before);
    expect(await reader('/fr/directory/causes-autoimmunity')).not.toContain('(aperçu)');
  });

  test('a half-translated section comes back with a message and the text as typed', async () => {
    const translator = await signedIn('editor', 'Tom Translator');
    const form = await open(translator.client, '/translate/ar/causes-genetics');
    // The first heading field is the one of "Topics in genetics research", a section with one text.
    expect(form.indexOf('id="heading-topics-in-genetics-research"')).toBeGreaterThan(0);
    const bad = await translator.client.post('/translate/ar/causes-genetics', {
      baseRevisionId: '0',
      intent: 'save',
      title: 'الأسباب: الجينات',
      translators: 'Tom',
      'heading-topics-in-genetics-research': 'عنوان بلا نصه',
    });
    expect(bad.status).toBe(400);
    const again = await bad.text();
    expect(again).toContain('Translate every text of this section, or leave all of it empty.');
    expect(again).toContain('href="#entry-topics-in-genetics-research-0"');
    expect(inputValue(again, 'heading-topics-in-genetics-research')).toBe('عنوان بلا نصه');
    expect(inputValue(again, 'title')).toBe('الأسباب: الجينات');
    expect(await db().selectFrom('translation_revisions').select('id').where('lang', '=', 'ar').where('page_id', '=', (await db().selectFrom('pages').select('id').where('slug', '=', 'causes-genetics').executeTakeFirstOrThrow()).id).execute()).toEqual([]);
  });

  test('a translator translates pages but cannot change the English source', async () => {
    const translator = await signedIn('translator', 'Tina Translator');
    expect((await translator.client.get('/edit/causes-silica')).status).toBe(403);
    expect((await translator.client.post('/edit/causes-silica', { title: 'x' })).status).toBe(403);
    expect(await open(translator.client, '/translate')).toContain('Languages you translate');
    const saved = await translator.client.post('/translate/fr/causes-autoimmunity', { baseRevisionId: '0', intent: 'submit', title: 'Causes : auto-immunité', translators: 'Tina Translator | traductrice' });
    expect(saved.status).toBe(303);
    // Sending it for review is theirs; approving is a reviewer's.
    expect((await translator.client.post('/translate/fr/causes-autoimmunity/approve', { revisionId: '1' })).status).toBe(403);
  });
});

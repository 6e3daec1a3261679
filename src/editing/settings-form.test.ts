import { describe, expect, test } from 'vitest';
import { SettingsForm, formFromSettings, settingsFromForm } from './settings-form.js';
import { SiteSettings } from '../site/settings.js';
import { createI18n } from '../i18n/localizer.js';
import { editingTextOf } from './views/text.js';

const english = editingTextOf(createI18n().forLang('en'));

const form = (change: Partial<SettingsForm>) => SettingsForm.parse({ organisation: 'Example Network', contactEmail: 'contact@example.org', language: 'en', directoryTitle: 'Medical Directory', ...change });

describe('settings form links', () => {
  test('refuses a javascript: donation link with a message beside the field', () => {
    const { settings, errors } = settingsFromForm(form({ donateUrl: 'javascript:alert(1)' }), english);
    expect(settings).toBeNull();
    expect(errors).toEqual([{ field: 's-donateUrl', message: expect.stringContaining('Donation page address: enter a web address starting with https://') }]);
  });

  test('refuses a data: navigation link, naming its line', () => {
    const { settings, errors } = settingsFromForm(form({ sections: 'Home | /\nBad | data:text/html,hi' }), english);
    expect(settings).toBeNull();
    expect(errors).toEqual([{ field: 's-sections', message: expect.stringContaining('Navigation links, line 2:') }]);
    expect(errors[0]!.message).toContain('a path on this site such as /support');
  });

  test('takes site paths, web addresses and mailto: links', () => {
    const { settings, errors } = settingsFromForm(form({ donateUrl: 'https://example.org/give', sections: 'Home | /\nWrite to us | mailto:contact@example.org' }), english);
    expect(errors).toEqual([]);
    expect(settings?.sections).toHaveLength(2);
  });

  test('names the field and line in the admin’s language', () => {
    const { errors } = settingsFromForm(form({ sections: 'Home | /\nBad | data:text/html,hi', contactEmail: 'nope' }), editingTextOf(createI18n().forLang('fr')));
    expect(errors.map((e) => e.message)).toEqual([
      'Adresse électronique de contact : saisissez une adresse électronique comme nom@example.org',
      'Liens de navigation, ligne 2 : saisissez un chemin sur ce site comme /support, une adresse web commençant par https:// ou un lien de courriel commençant par mailto:',
    ]);
  });

  test('a navigation label in other languages follows a second bar, and comes back the same', () => {
    const { settings, errors } = settingsFromForm(form({ sections: 'Home | / | es: Inicio; ar: الرئيسية\nNews | /news' }), english);
    expect(errors).toEqual([]);
    expect(settings?.sections).toEqual([
      { label: 'Home', href: '/', labels: { es: 'Inicio', ar: 'الرئيسية' } },
      { label: 'News', href: '/news', labels: {} },
    ]);
    expect(formFromSettings(SiteSettings.parse(settings)).sections).toBe('Home | / | es: Inicio; ar: الرئيسية\nNews | /news');
  });

  test('a translation in no interface language, or without a colon, is refused on its line', () => {
    const { settings, errors } = settingsFromForm(form({ sections: 'Home | /\nNews | /news | de: Nachrichten\nForums | /forums | Foros' }), english);
    expect(settings).toBeNull();
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Navigation links, line 2: .*not “de: Nachrichten”/),
      expect.stringMatching(/^Navigation links, line 3: .*not “Foros”/),
    ]);
  });
});

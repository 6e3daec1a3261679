import { describe, expect, test } from 'vitest';
import { SettingsForm, settingsFromForm } from './settings-form.js';

const form = (change: Partial<SettingsForm>) => SettingsForm.parse({ organisation: 'Example Network', contactEmail: 'contact@example.org', language: 'en', directoryTitle: 'Medical Directory', ...change });

describe('settings form links', () => {
  test('refuses a javascript: donation link with a message beside the field', () => {
    const { settings, errors } = settingsFromForm(form({ donateUrl: 'javascript:alert(1)' }));
    expect(settings).toBeNull();
    expect(errors).toEqual([{ field: 's-donateUrl', message: expect.stringContaining('Donation page address: enter a web address starting with https://') }]);
  });

  test('refuses a data: navigation link, naming its line', () => {
    const { settings, errors } = settingsFromForm(form({ sections: 'Home | /\nBad | data:text/html,hi' }));
    expect(settings).toBeNull();
    expect(errors).toEqual([{ field: 's-sections', message: expect.stringContaining('Navigation links, line 2:') }]);
    expect(errors[0]!.message).toContain('a path on this site such as /support');
  });

  test('takes site paths, web addresses and mailto: links', () => {
    const { settings, errors } = settingsFromForm(form({ donateUrl: 'https://example.org/give', sections: 'Home | /\nWrite to us | mailto:contact@example.org' }));
    expect(errors).toEqual([]);
    expect(settings?.sections).toHaveLength(2);
  });
});

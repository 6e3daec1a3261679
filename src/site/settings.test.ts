import { describe, expect, test } from 'vitest';
import { SiteSettings, settingsFromStored } from './settings.js';

const base = { organisation: 'Example Network', contactEmail: 'contact@example.org' };
const UNSAFE = ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox(1)', '//evil.example'];

describe('site settings links', () => {
  test.each(UNSAFE)('refuse %j as the donation link', (href) => {
    expect(SiteSettings.safeParse({ ...base, donateUrl: href }).success).toBe(false);
  });

  test.each(UNSAFE)('refuse %j as a navigation link', (href) => {
    expect(SiteSettings.safeParse({ ...base, sections: [{ label: 'Home', href }] }).success).toBe(false);
  });

  test('accept site paths, web addresses and mailto:', () => {
    const parsed = SiteSettings.safeParse({
      ...base,
      donateUrl: 'https://example.org/donate',
      sections: [
        { label: 'Home', href: '/' },
        { label: 'Partner', href: 'https://example.org' },
        { label: 'Write', href: 'mailto:contact@example.org' },
      ],
    });
    expect(parsed.success).toBe(true);
  });
});

describe('settings stored before links were checked', () => {
  test('leave an unsafe donation or navigation link out instead of showing it', () => {
    const settings = settingsFromStored({
      ...base,
      donateUrl: 'javascript:alert(1)',
      sections: [
        { label: 'Home', href: '/' },
        { label: 'Bad', href: 'data:text/html,hi' },
      ],
    });
    expect(settings.donateUrl).toBeUndefined();
    expect(settings.sections).toEqual([{ label: 'Home', href: '/', labels: {} }]);
  });
});

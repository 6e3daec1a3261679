import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  test.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.org', 'mailto:a@example.org'])('refuses ATOZ_PUBLIC_URL=%j', (url) => {
    expect(() => loadConfig({ ATOZ_PUBLIC_URL: url })).toThrow(ConfigError);
  });

  test('takes an http(s) ATOZ_PUBLIC_URL', () => {
    expect(loadConfig({ ATOZ_PUBLIC_URL: 'https://directory.example.org' }).publicUrl).toBe('https://directory.example.org');
  });
});

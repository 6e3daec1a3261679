import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';

// The quality bars are only as good as their checkers: prove each one fails a page it should fail.

const BROKEN = `<!DOCTYPE html><html><head><title>Broken</title></head><body>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbb;background:#fff">Low contrast text</p>
<p><div>block in paragraph</p></body></html>`;

describe('test harness', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('axeViolations reports missing language, missing alt text and low contrast', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(BROKEN);
    const rules = (await axeViolations(page)).map((line) => line.split(':')[0]);
    await context.close();
    expect(rules).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt', 'color-contrast']));
  });

  it('validateHtml reports errors per document and nothing for a valid one', async () => {
    const result = await validateHtml({
      valid: '<!DOCTYPE html><html lang="en"><head><title>Fine</title></head><body><p>Fine</p></body></html>',
      broken: BROKEN,
    });
    expect(result.valid).toEqual([]);
    expect(result.broken!.join('\n')).toMatch(/alt/);
    expect(result.broken!.join('\n')).toMatch(/No “p” element in scope/);
  }, 60_000);
});

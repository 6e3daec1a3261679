/**
 * One e-mail body, written once as blocks and given as plain text (first:
 * short lines, links on their own line, read well by screen readers and in
 * large type) and as simple HTML (one column, real headings and links, no
 * images, no tracking, the language and direction set).
 */
import type { Lang } from '../i18n/languages.js';

export type Block =
  | { heading: string }
  | { p: string }
  | { link: { label: string; href: string } }
  | { list: string[] }
  | { small: string }
  | { rule: true };

export interface ComposedEmail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function composeEmail(options: { lang: Lang; dir: 'ltr' | 'rtl'; subject: string; blocks: Block[] }): ComposedEmail {
  const text: string[] = [];
  const html: string[] = [];
  for (const b of options.blocks) {
    if ('heading' in b) {
      text.push(b.heading.toUpperCase() === b.heading ? b.heading : `${b.heading}\n${'-'.repeat(Math.min(60, b.heading.length))}`);
      html.push(`<h2 style="font-size:1.25em;margin:1.5em 0 .5em">${escape(b.heading)}</h2>`);
    } else if ('p' in b) {
      text.push(b.p);
      html.push(`<p style="margin:0 0 1em">${escape(b.p).replace(/\n/g, '<br>')}</p>`);
    } else if ('link' in b) {
      text.push(`${b.link.label}:\n${b.link.href}`);
      html.push(`<p style="margin:0 0 1em"><a href="${escape(b.link.href)}" style="color:#0b4f8a;font-weight:bold">${escape(b.link.label)}</a></p>`);
    } else if ('list' in b) {
      text.push(b.list.map((item) => `- ${item}`).join('\n'));
      html.push(`<ul style="margin:0 0 1em;padding-inline-start:1.5em">${b.list.map((item) => `<li style="margin-bottom:.5em">${escape(item).replace(/\n/g, '<br>')}</li>`).join('')}</ul>`);
    } else if ('small' in b) {
      text.push(b.small);
      html.push(`<p style="margin:0 0 1em;font-size:.9em;color:#444">${escape(b.small).replace(/\n/g, '<br>')}</p>`);
    } else {
      text.push('--');
      html.push('<hr style="border:0;border-top:1px solid #ccc;margin:1.5em 0">');
    }
  }
  return {
    subject: options.subject,
    text: `${text.join('\n\n')}\n`,
    html:
      `<!DOCTYPE html><html lang="${escape(options.lang)}" dir="${options.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escape(options.subject)}</title></head>` +
      `<body style="margin:0;padding:1em;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5;color:#111;background:#fff">` +
      `<div style="max-width:36em;margin:0 auto">${html.join('\n')}</div></body></html>`,
  };
}

/** Reading an editor page's form fields back out of its HTML, as a browser would submit them (tests only). */

/** HTML text back to what was typed. */
export function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

export function textarea(html: string, id: string): string {
  const m = new RegExp(`<textarea[^>]*id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (!m) throw new Error(`no textarea #${id}`);
  return unescape(m[1]!);
}

export function inputValue(html: string, id: string): string {
  const m = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html);
  if (!m) throw new Error(`no input #${id}`);
  return unescape(/value="([^"]*)"/.exec(m[0])?.[1] ?? '');
}

/** A hidden field's value by name. */
export function field(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no field ${name}`);
  return unescape(m[1]!);
}

/** Every field of the editor form as a browser would send it, with `change` applied. */
export function editorForm(html: string, change: Record<string, string> = {}): Record<string, string> {
  const saveToken = /name="saveToken" value="([^"]*)"/.exec(html)?.[1];
  return {
    title: inputValue(html, 'f-title'),
    slug: inputValue(html, 'f-slug'),
    parentSlug: /<select[^>]*id="f-parent"[\s\S]*?<option value="([^"]*)" selected=""/.exec(html)?.[1] ?? '',
    position: inputValue(html, 'f-position'),
    summary: textarea(html, 'f-summary'),
    authors: inputValue(html, 'f-authors'),
    reviewIntervalMonths: inputValue(html, 'f-interval'),
    alsoSee: inputValue(html, 'f-also-see'),
    footnotes: textarea(html, 'f-footnotes'),
    body: textarea(html, 'f-body'),
    editSummary: '',
    baseRevisionId: field(html, 'baseRevisionId'),
    ...(saveToken === undefined ? {} : { saveToken: unescape(saveToken) }),
    intent: 'save',
    ...change,
  };
}

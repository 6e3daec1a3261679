// Minimal types for the citation-js packages we use (they ship no TypeScript types).
// They are CommonJS; Node's ESM loader exposes `Cite` and `plugins` as named exports.
// Plugins register themselves on import: `import '@citation-js/plugin-csl'`.

declare module '@citation-js/core' {
  /** Options of Cite#format('bibliography'), provided by @citation-js/plugin-csl. */
  export interface BibliographyFormatOptions {
    template?: string; // 'apa' | 'vancouver' | 'harvard1' or a registered style
    format?: 'html' | 'text' | 'rtf';
    lang?: string; // CSL locale, e.g. 'en-US'
    nosort?: boolean;
    asEntryArray?: boolean;
  }

  /** Options of Cite#format('data' | 'ris' | 'bibtex'): 'text' gives a string. */
  export interface DataFormatOptions {
    format?: 'text' | 'object';
  }

  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    /** The CSL-JSON items, after citation-js's input parsing. */
    readonly data: Array<Record<string, unknown>>;
    format(format: 'bibliography', options?: BibliographyFormatOptions): string;
    format(format: 'data' | 'ris' | 'bibtex', options?: DataFormatOptions): string;
  }
}

declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';

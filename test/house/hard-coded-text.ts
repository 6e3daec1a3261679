import ts from 'typescript';

/** A piece of text a reader would see that is written in the code instead of coming from a message catalogue. */
export interface HardCodedText {
  line: number;
  text: string;
}

/** JSX attributes that never hold reader-visible words. */
const NON_TEXT_ATTRIBUTES = new Set([
  'class', 'id', 'href', 'src', 'type', 'name', 'rel', 'method', 'action', 'for', 'autocomplete', 'role', 'lang', 'dir',
  'hreflang', 'pattern', 'inputmode', 'charset', 'property', 'datetime', 'enctype', 'accept', 'd', 'viewBox', 'xmlns',
  'fill', 'stroke', 'key', 'form', 'target', 'media', 'sizes', 'srcset', 'loading', 'decoding', 'referrerpolicy', 'crossorigin',
  'integrity', 'nonce', 'spellcheck', 'translate', 'wrap', 'scope', 'headers', 'list', 'step', 'min', 'max', 'maxlength',
  'minlength', 'rows', 'cols', 'colspan', 'rowspan', 'tabindex', 'value', 'defaultValue', 'content', 'field', 'anchor', 'slug',
  'path', 'variant', 'kind', 'state', 'status', 'dangerouslySetInnerHTML', 'aria-labelledby', 'aria-describedby', 'aria-controls',
  'aria-current', 'aria-live', 'aria-hidden', 'aria-expanded', 'aria-haspopup', 'aria-autocomplete', 'aria-invalid', 'aria-required',
  'aria-atomic', 'aria-relevant', 'data-field', 'schemaType', 'icon', 'width', 'height', 'x', 'y', 'cx', 'cy', 'r', 'points',
  'transform', 'textLength', 'preserveAspectRatio', 'focusable', 'http-equiv', 'hidden', 'open', 'selected', 'checked',
  'disabled', 'readonly', 'required', 'multiple', 'novalidate', 'async', 'defer', 'colSpan', 'rowSpan', 'accept-charset',
]);

/** Words in a string: at least one letter (any script). */
const HAS_WORDS = /\p{L}/u;
/** A literal that reads as words rather than a token: has a space between letters, or starts with a capital and has a lower-case letter. */
const READS_AS_WORDS = (s: string) => /\p{L}.*\s.*\p{L}/su.test(s) || /^\s*\p{Lu}\p{Ll}/u.test(s);

/**
 * Finds reader-visible text written into JSX: text between tags, string
 * attributes that are not addresses or identifiers, and string literals
 * rendered from expressions ({cond ? 'Yes' : 'No'}). Message keys passed to
 * a translator (t('key')) are not text.
 */
export function findHardCodedText(fileName: string, source: string): HardCodedText[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCodedText[] = [];
  const report = (node: ts.Node, text: string) => found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim().replace(/\s+/g, ' ') });

  const insideNonTextAttribute = (node: ts.Node): boolean => {
    for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
      if (ts.isJsxAttribute(p)) return NON_TEXT_ATTRIBUTES.has(p.name.getText(file));
      if (ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p)) return false;
    }
    return false;
  };
  const insideJsx = (node: ts.Node): boolean => {
    for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
      if (ts.isJsxExpression(p)) return true;
      if (ts.isFunctionLike(p) || ts.isSourceFile(p)) return false;
    }
    return false;
  };
  /** Arguments of a call (t('key'), classNames(...), href building) and comparisons are not rendered text. */
  const isNotRendered = (node: ts.Node): boolean => {
    const parent = node.parent;
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return true;
    if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(parent.operatorToken.kind)) return true;
    if (ts.isElementAccessExpression(parent) || ts.isPropertyAssignment(parent) && parent.name === node) return true;
    if (ts.isCaseClause(parent)) return true;
    return false;
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (HAS_WORDS.test(node.getText(file))) report(node, node.getText(file));
    } else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(file);
      if (!NON_TEXT_ATTRIBUTES.has(name) && !name.startsWith('data-') && HAS_WORDS.test(node.initializer.text) && READS_AS_WORDS(node.initializer.text)) report(node, `${name}="${node.initializer.text}"`);
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !ts.isJsxAttribute(node.parent) && insideJsx(node)) {
      if (READS_AS_WORDS(node.text) && !insideNonTextAttribute(node) && !isNotRendered(node)) report(node, node.text);
    } else if (ts.isTemplateExpression(node) && insideJsx(node) && !insideNonTextAttribute(node) && !isNotRendered(node)) {
      const literal = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (READS_AS_WORDS(literal)) report(node, literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

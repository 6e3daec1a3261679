/**
 * XML for the feed tests, read with sax in strict mode with namespaces: a
 * real parser that rejects what is not well-formed (unclosed or crossed
 * tags, bad entities, unbound prefixes, text outside the root). Beside it,
 * routes.db.test.ts reads the feeds with a feed parser (feedsmith).
 */
import sax from 'sax';

export interface XmlElement {
  /** Qualified name as written ("atom:link"). */
  name: string;
  /** Namespace URI. */
  uri: string;
  /** Local name ("link"). */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside. */
  text: string;
}

export function parseXml(text: string): XmlElement {
  const parser = sax.parser(true, { xmlns: true, strictEntities: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.onerror = (error) => {
    failure ??= error;
  };
  parser.onopentag = (tag) => {
    const el: XmlElement = { name: tag.name, uri: tag.uri, local: tag.local, attrs: Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value])), children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else if (root) failure ??= new Error('a second root element');
    else root = el;
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const onText = (t: string) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
    else if (t.trim()) failure ??= new Error(`text outside the root element: ${t.trim().slice(0, 40)}`);
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  parser.write(text).close();
  if (failure) throw failure;
  if (!root) throw new Error('no root element');
  return root;
}

/** Children with this local name (and namespace, when given). */
export function all(el: XmlElement, local: string, uri?: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

export function one(el: XmlElement, local: string, uri?: string): XmlElement {
  const found = all(el, local, uri);
  if (found.length !== 1) throw new Error(`expected one <${local}> in <${el.name}>, found ${found.length}`);
  return found[0]!;
}

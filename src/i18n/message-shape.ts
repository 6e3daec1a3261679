import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';

/** What a translation must keep from its source: the argument names and the markup tags. */
export interface MessageShape {
  arguments: string[];
  tags: string[];
}

/** Parses an ICU message (throws with the parser's reason when it is not valid ICU). */
export function messageShape(message: string): MessageShape {
  const args = new Set<string>();
  const tags = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) args.add(el.value);
      if (el.type === TYPE.select || el.type === TYPE.plural) {
        args.add(el.value);
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.type === TYPE.tag) {
        tags.add(el.value);
        walk(el.children);
      }
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return { arguments: [...args].sort(), tags: [...tags].sort() };
}

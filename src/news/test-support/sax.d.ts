// sax ships no types; the few parts the feed tests use.
declare module 'sax' {
  interface SaxAttribute { name: string; value: string; prefix: string; local: string; uri: string }
  interface SaxTag { name: string; attributes: Record<string, SaxAttribute>; uri: string; local: string; prefix: string }
  interface SaxParser {
    onopentag: (tag: SaxTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onerror: (error: Error) => void;
    write(text: string): SaxParser;
    close(): SaxParser;
  }
  const sax: { parser(strict: boolean, options?: { xmlns?: boolean; strictEntities?: boolean; trim?: boolean }): SaxParser };
  export default sax;
}

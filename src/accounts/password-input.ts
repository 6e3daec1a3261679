/** The terminal side of the CLI: typing a password without it showing, or reading it from a pipe. */

export interface PasswordInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** The person pressed Ctrl-C or Ctrl-D instead of typing a password. */
export class InputCancelled extends Error {
  override name = 'InputCancelled';
}

/** Reads one line from a terminal in raw mode: nothing is echoed; Backspace works; Ctrl-C cancels. */
export function readHiddenLine(prompt: string, input: PasswordInput, output: NodeJS.WritableStream): Promise<string> {
  // Echo off before the prompt shows, so even type-ahead is never displayed.
  input.setRawMode?.(true);
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error: Error | null) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || (ch === '\u0004' && line === '')) return finish(new InputCancelled('Cancelled: no password was set.'));
        if (ch === '\u007f' || ch === '\b') line = [...line].slice(0, -1).join('');
        else if (ch >= ' ') line += ch;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

/** The first line of everything piped in (`printf '%s' "$PW" | …` or `… < file`), without its line ending. */
export async function readPipedLine(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

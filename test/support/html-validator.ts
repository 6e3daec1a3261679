/**
 * The W3C Nu HTML checker (vnu-jar), run once over many documents: the JVM
 * takes a few seconds to start, so batch every page of a test file into one call.
 *
 *   const problems = await validateHtml({ home: htmlOfHome, topic: htmlOfTopic });
 *   expect(problems).toEqual({ home: [], topic: [] });
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/web/package-root.js';

export const VNU_JAR = join(packageRoot(), 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

/**
 * Validates each named HTML document and returns, per name, one readable line
 * per error ("12:40 Bad value … in: <a href=…>"); an empty list means valid.
 * Warnings (type info) are ignored; pass { warnings: true } to include them.
 */
export async function validateHtml(documents: Record<string, string>, options: { warnings?: boolean } = {}): Promise<Record<string, string[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'atoz-vnu-'));
  const fileToName = new Map<string, string>();
  const result: Record<string, string[]> = {};
  try {
    Object.entries(documents).forEach(([name, html], i) => {
      const file = join(dir, `${i}.html`);
      writeFileSync(file, html);
      fileToName.set(file, name);
      result[name] = [];
    });
    const args = ['-jar', VNU_JAR, '--stdout', '--format', 'json', ...(options.warnings ? [] : ['--errors-only']), ...fileToName.keys()];
    const stdout = await new Promise<string>((resolve, reject) => {
      // vnu exits 1 when a document has errors; only a missing JSON report is a failure to run.
      execFile('java', args, { maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
        if (out.trim().startsWith('{')) resolve(out);
        else reject(new Error(`vnu did not run: ${error?.message ?? ''}\n${err}`));
      });
    });
    const { messages } = JSON.parse(stdout) as { messages: VnuMessage[] };
    for (const m of messages) {
      const file = m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '';
      const name = fileToName.get(file);
      const line = `${m.lastLine ?? '?'}:${m.lastColumn ?? '?'} ${m.type === 'info' ? 'warning: ' : ''}${m.message}${m.extract ? ` in: ${m.extract.trim()}` : ''}`;
      if (name === undefined) throw new Error(`vnu reported on an unknown document: ${m.url ?? '(none)'}: ${line}`);
      result[name]!.push(line);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, expect, test } from 'vitest';
import { FolderWriter } from './folder-writer.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function newFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'atoz-folder-writer-'));
  folders.push(folder);
  return folder;
}

test('each file lands with .gz and .br that decompress to its bytes; unchanged bytes are not written again', async () => {
  const folder = newFolder();
  const page = Buffer.from(`<!DOCTYPE html><p>${'Raynaud phenomenon '.repeat(4000)}</p>`);
  const writer = new FolderWriter(folder);
  for (let i = 0; i < 30; i++) await writer.put(`directory/page-${i}/index.html`, Buffer.concat([page, Buffer.from(String(i))]));
  await writer.put('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writer.drain();
  expect(writer.written).toBe(31);
  const file = join(folder, 'directory/page-7/index.html');
  expect(readFileSync(file).toString()).toMatch(/7$/);
  expect(gunzipSync(readFileSync(`${file}.gz`)).equals(readFileSync(file))).toBe(true);
  expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(readFileSync(file))).toBe(true);
  // Images are not compressed; no temporary file is left anywhere.
  expect(readdirSync(join(folder, 'assets'))).toEqual(['logo.png']);
  expect(readdirSync(join(folder, 'directory/page-7')).sort()).toEqual(['index.html', 'index.html.br', 'index.html.gz']);

  const again = new FolderWriter(folder);
  await again.put('directory/page-7/index.html', Buffer.concat([page, Buffer.from('7')]));
  await again.put('directory/page-8/index.html', Buffer.from('changed'));
  await again.drain();
  expect([again.written, again.unchanged]).toEqual([1, 1]);
  expect(gunzipSync(readFileSync(join(folder, 'directory/page-8/index.html.gz'))).toString()).toBe('changed');
});

test('a name put twice gets its last bytes; a path outside the folder is refused', async () => {
  const folder = newFolder();
  const writer = new FolderWriter(folder);
  await writer.put('sitemap.xml', Buffer.from('<urlset>first</urlset>'));
  await writer.put('sitemap.xml', Buffer.from('<urlset>second</urlset>'));
  await writer.drain();
  expect(readFileSync(join(folder, 'sitemap.xml'), 'utf8')).toBe('<urlset>second</urlset>');
  expect(brotliDecompressSync(readFileSync(join(folder, 'sitemap.xml.br'))).toString()).toBe('<urlset>second</urlset>');
  expect(() => writer.put('../escaped.html', Buffer.from('x'))).toThrow(/outside/);
});

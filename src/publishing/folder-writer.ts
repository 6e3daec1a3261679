/**
 * Writes a published copy's files as they are rendered: a file is rewritten
 * only when its bytes changed, through a temporary file renamed into place
 * (no reader of the folder ever sees half a file), its .gz and .br first so
 * nginx's gzip_static never pairs a new file with an old .gz. Compression and
 * disk work run in libuv's thread pool, a few files at a time, while the
 * next page renders on the main thread; nothing holds the whole site in
 * memory.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { brotliStoredAsync, gzipStoredAsync } from '../web/compression.js';
import { TaskWindow } from './task-window.js';

/** Types worth compressing; images and archives are not. */
const COMPRESSIBLE = /\.(html|xml|txt|json|css|js|svg|ris|bib)$/;
/** Files compressed and written at once: enough to keep the thread pool (4 threads) busy. */
const FILES_IN_FLIGHT = 8;

export class FolderWriter {
  written = 0;
  unchanged = 0;
  private readonly window = new TaskWindow(FILES_IN_FLIGHT);
  private readonly folders = new Set<string>();
  private temporaries = 0;

  constructor(private readonly folder: string) {}

  /** Queues `bytes` for `relative`; waits only while the window is full. A name put twice gets its last bytes. */
  put(relative: string, bytes: Buffer): Promise<void> {
    const file = join(this.folder, relative);
    // Addresses come from our own routes, but a file must never land outside the folder.
    if (!normalize(file).startsWith(normalize(this.folder) + sep)) throw new Error(`refusing to write outside ${this.folder}: ${relative}`);
    return this.window.add(() => this.write(file, COMPRESSIBLE.test(relative), bytes), relative);
  }

  /** Waits until every file put so far is on disk. */
  drain(): Promise<void> {
    return this.window.drain();
  }

  private async write(file: string, compressible: boolean, bytes: Buffer): Promise<void> {
    if (await sameBytes(file, bytes)) {
      this.unchanged++;
      return;
    }
    const folder = dirname(file);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    if (compressible) {
      const [gzipped, brotlied] = await Promise.all([gzipStoredAsync(bytes), brotliStoredAsync(bytes)]);
      await Promise.all([this.replace(`${file}.gz`, gzipped), this.replace(`${file}.br`, brotlied)]);
    }
    await this.replace(file, bytes);
    this.written++;
  }

  private async replace(file: string, bytes: Buffer): Promise<void> {
    const temporary = `${file}.tmp-${process.pid}-${this.temporaries++}`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

async function sameBytes(file: string, bytes: Buffer): Promise<boolean> {
  try {
    return (await readFile(file)).equals(bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

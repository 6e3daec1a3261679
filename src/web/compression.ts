/**
 * The strongest compression we store: gzip level 9 and brotli quality 9, for
 * bodies compressed once and served many times (the render cache, the
 * published copy). Synchronous for the render cache's lazy getters; the
 * published copy uses the asynchronous pair, which runs in libuv's thread
 * pool beside the next page's render.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Brotli's window sized to the body. At quality 9 the default 4 MB window
 * (lgwin 22) costs about 15 ms per call on a 28 KB page, nearly all of it
 * setting up tables for a window the page never fills; a window just larger
 * than the body gives the same bytes (often a few fewer) in under 1 ms.
 */
function brotliOptions(size: number) {
  const lgwin = Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(size + 16))));
  return { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: lgwin, [constants.BROTLI_PARAM_SIZE_HINT]: size } };
}

export function brotliStored(bytes: Buffer): Buffer {
  return brotliCompressSync(bytes, brotliOptions(bytes.length));
}

export function gzipStored(bytes: Buffer): Buffer {
  return gzipSync(bytes, { level: 9 });
}

export function brotliStoredAsync(bytes: Buffer): Promise<Buffer> {
  return brotliAsync(bytes, brotliOptions(bytes.length));
}

export function gzipStoredAsync(bytes: Buffer): Promise<Buffer> {
  return gzipAsync(bytes, { level: 9 });
}

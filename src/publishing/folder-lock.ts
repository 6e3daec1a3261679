/**
 * One publish at a time per folder. The incremental job, the full publish
 * that follows a burst of changes, a `publish` run from the command line and
 * jobs on other servers sharing the folder all take this lock, so two runs
 * never interleave their files and manifests. The lock is a file made with
 * O_EXCL in the folder; one left by a process that died is taken over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const LOCK_FILE = '.atoz-publish.lock';

export interface FolderLockOptions {
  /** How long to wait for another publish to finish before giving up. Default 15 minutes. */
  waitMs?: number;
  /** A lock older than this is a leftover, whoever wrote it. Default 30 minutes (twice the longest job lease). */
  staleMs?: number;
  pollMs?: number;
}

interface LockOwner {
  host: string;
  pid: number;
  at: number;
}

export class FolderBusyError extends Error {
  constructor(folder: string, owner: LockOwner | null, waitedMs: number) {
    super(`another publish into ${folder} is still running${owner ? ` (process ${owner.pid} on ${owner.host}, since ${new Date(owner.at).toISOString()})` : ''}; waited ${Math.round(waitedMs / 1000)} s`);
    this.name = 'FolderBusyError';
  }
}

function ownerOf(lock: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.at === 'number' ? (owner as LockOwner) : null;
  } catch {
    return null; // Half-written or gone: judged by its age below.
  }
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A leftover: its process is gone (same machine), or it is too old, or it was never written whole and is old. */
function isLeftover(owner: LockOwner | null, staleMs: number, now: number, createdAt: () => number): boolean {
  if (!owner) return now - createdAt() > 5_000;
  if (now - owner.at > staleMs) return true;
  return owner.host === hostname() && owner.pid !== process.pid && processGone(owner.pid);
}

function tryTake(lock: string): boolean {
  try {
    const fd = openSync(lock, 'wx');
    try {
      writeSync(fd, JSON.stringify({ host: hostname(), pid: process.pid, at: Date.now() } satisfies LockOwner));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Runs `work` holding the folder's publish lock, waiting for another holder to finish first. */
export async function withFolderLock<T>(folder: string, work: () => Promise<T>, options: FolderLockOptions = {}): Promise<T> {
  const { waitMs = 15 * 60_000, staleMs = 30 * 60_000, pollMs = 100 } = options;
  mkdirSync(folder, { recursive: true });
  const lock = join(folder, LOCK_FILE);
  const started = Date.now();
  const firstSeen = new Map<string, number>();
  while (!tryTake(lock)) {
    const owner = ownerOf(lock);
    const seenKey = JSON.stringify(owner);
    if (!firstSeen.has(seenKey)) firstSeen.set(seenKey, Date.now());
    if (isLeftover(owner, staleMs, Date.now(), () => firstSeen.get(seenKey)!)) {
      // Only the leftover judged, not a lock another waiter took meanwhile.
      if (JSON.stringify(ownerOf(lock)) === seenKey) rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() - started > waitMs) throw new FolderBusyError(folder, owner, Date.now() - started);
    await sleep(pollMs);
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderBusyError, LOCK_FILE, withFolderLock } from './folder-lock.js';

describe('one publish at a time per folder', () => {
  const folders: string[] = [];
  const folder = () => {
    const made = mkdtempSync(join(tmpdir(), 'atoz-lock-'));
    folders.push(made);
    return made;
  };
  afterEach(() => {
    for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
  });

  it('runs two publishes into one folder one after the other, never interleaved', async () => {
    const target = folder();
    const events: string[] = [];
    const run = (name: string) =>
      withFolderLock(target, async () => {
        events.push(`${name} start`);
        await sleep(50);
        events.push(`${name} end`);
        return name;
      }, { pollMs: 5 });
    expect(await Promise.all([run('incremental'), run('full'), run('command line')])).toEqual(['incremental', 'full', 'command line']);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace('start', 'end'));
    expect(existsSync(join(target, LOCK_FILE))).toBe(false);
  });

  it('lets go of the lock when the publish fails', async () => {
    const target = folder();
    await expect(withFolderLock(target, async () => { throw new Error('render failed'); })).rejects.toThrow('render failed');
    expect(await withFolderLock(target, async () => 'next')).toBe('next');
  });

  it('takes over a lock left by a process that died', async () => {
    const target = folder();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeFileSync(join(target, LOCK_FILE), JSON.stringify({ host: hostname(), pid: dead, at: Date.now() }));
    expect(await withFolderLock(target, async () => 'taken over', { waitMs: 2_000 })).toBe('taken over');
  });

  it('waits for a live holder and says who holds it when waiting too long', async () => {
    const target = folder();
    writeFileSync(join(target, LOCK_FILE), JSON.stringify({ host: 'another-server', pid: 4242, at: Date.now() }));
    const error = await withFolderLock(target, async () => 'never', { waitMs: 200, pollMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderBusyError);
    expect((error as Error).message).toMatch(/process 4242 on another-server/);
    expect(existsSync(join(target, LOCK_FILE))).toBe(true);
  });
});

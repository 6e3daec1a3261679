import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants } from 'node:fs';

/**
 * Makes a file that this process (and its children) cannot write, the way
 * an operator's mistake would: `chattr +i` (immutable, stops root too) when
 * running as root, read-only permissions otherwise. Resolves to how, or null
 * when neither works here (root on a file system without immutable files),
 * so the caller can skip and say why.
 */
export function makeUnwritable(file: string): 'immutable' | 'read-only permissions' | null {
  if (process.getuid?.() === 0) {
    try {
      execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    } catch {
      return null;
    }
    return stillWritable(file) ? null : 'immutable';
  }
  chmodSync(file, 0o444);
  return stillWritable(file) ? null : 'read-only permissions';
}

/** Undoes makeUnwritable (safe to call on a file it never touched). */
export function makeWritable(file: string): void {
  if (process.getuid?.() === 0) {
    try {
      execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    } catch {
      // not immutable, or chattr missing: nothing to undo
    }
    return;
  }
  try {
    chmodSync(file, 0o644);
  } catch {
    // gone already
  }
}

function stillWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

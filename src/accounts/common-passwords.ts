import { createRequire } from 'node:module';

/**
 * The most common passwords seen in breaches, from @zxcvbn-ts/language-common
 * (MIT; its data-scripts/_generators/PasswordGenerator.ts): the passwords that
 * occur more than ten times among Mark Burnett's ten million leaked
 * username/password pairs (xato.net, 2015), lower-cased, 49,233 of them.
 * That list leaves out what zxcvbn's own pattern matchers find (repeats,
 * keyboard walks, sequences), which is why password-policy.ts undoes repeats
 * and looks for keyboard walks with the package's keyboard layouts itself.
 * Loaded on first use (about 80 ms), not at start: only a new password needs it.
 */
interface CommonPackage {
  dictionary: { 'passwords-common': string[] };
  adjacencyGraphs: Record<'qwerty' | 'qwertz' | 'azerty' | 'dvorak', Record<string, Array<string | null>>>;
}

let loaded: { passwords: Set<string>; neighbours: Map<string, Set<string>> } | undefined;

function load() {
  if (loaded) return loaded;
  const common = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as CommonPackage;
  // Which keys touch which, on the layouts people type on; a key's shifted sign counts as the key ("1" and "!").
  const neighbours = new Map<string, Set<string>>();
  for (const layout of ['qwerty', 'qwertz', 'azerty', 'dvorak'] as const) {
    for (const [key, around] of Object.entries(common.adjacencyGraphs[layout])) {
      let set = neighbours.get(key.toLowerCase());
      if (!set) neighbours.set(key.toLowerCase(), (set = new Set()));
      for (const pair of around) for (const char of pair ?? '') set.add(char.toLowerCase());
    }
  }
  loaded = { passwords: new Set(common.dictionary['passwords-common']), neighbours };
  return loaded;
}

/** Whether `lowerCased` is one of the most common breached passwords. */
export function isCommonPassword(lowerCased: string): boolean {
  return load().passwords.has(lowerCased);
}

/**
 * Whether the text is typed along the keyboard: "1q2w3e4r5t6y", "zaq12wsx",
 * "1qaz2wsx3edc" (a few columns), "asdfasdfasdf". Each character touches the
 * one before, except at most three jumps, and every stretch is 3 keys or more.
 */
export function isKeyboardWalk(lowerCased: string): boolean {
  const { neighbours } = load();
  const runs: number[] = [1];
  for (let i = 1; i < lowerCased.length; i++) {
    if (neighbours.get(lowerCased[i - 1]!)?.has(lowerCased[i]!)) runs[runs.length - 1]! += 1;
    else runs.push(1);
  }
  return runs.length <= 4 && runs.every((length) => length >= 3);
}

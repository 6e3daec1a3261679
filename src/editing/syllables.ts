/**
 * English syllable counts by the vowel-group heuristic: count runs of vowels,
 * then correct for the common silent and split vowels. Good enough for
 * readability formulas (which were fitted on hand counts that also disagree
 * at the margins); not a pronouncing dictionary.
 */

// Common words the rules below get wrong, with their dictionary counts.
const EXCEPTIONS = new Map<string, number>(Object.entries({
  area: 3, areas: 3, idea: 3, ideas: 3, create: 2, created: 3, creates: 2, creating: 3, creation: 3,
  react: 2, reacts: 2, reaction: 3, reactions: 3, reality: 4, theatre: 3, theater: 3,
  people: 2, peoples: 2, business: 2, every: 2, everyone: 3, everything: 3, evening: 2, several: 3,
  quiet: 2, diet: 2, diets: 2, science: 2, sciences: 3, scientist: 3, scientists: 3, patient: 2, patients: 2,
  being: 2, doing: 2, going: 2, seeing: 2, dying: 2, lying: 2, trying: 2, saying: 2, obeying: 3,
  poem: 2, poems: 2, poet: 2, lion: 2, violent: 3, violence: 3, riot: 2, giant: 2, client: 2, clients: 2,
  disease: 2, diseases: 3, tissue: 2, tissues: 2, issue: 2, issues: 2, continue: 3, continued: 3, value: 2, values: 2,
  recipe: 3, simile: 3, acne: 2, maybe: 2, anyone: 3, someone: 2, whereas: 2, forever: 3, however: 3,
  fire: 1, fires: 1, tired: 1, hour: 1, hours: 1, our: 1, ours: 1, flour: 1, sour: 1, real: 1,
  union: 2, onion: 2, million: 2, opinion: 3, immune: 2, vaccine: 2, vaccines: 2, routine: 2, routines: 2,
  autoimmune: 4, autoimmunity: 6, chronic: 2, aged: 2, naked: 2, wicked: 2, beloved: 3, learned: 1, blessed: 1,
}));

const VOWEL_GROUP = /[aeiouy]+/g;

/** Syllables in one word (letters only; anything else is ignored). At least 1 for any word with a letter. */
export function countSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[’']/g, '').replace(/[^a-z]/g, '');
  if (!w) return 0;
  // A Map, not an object: "constructor" is a word, not a prototype property.
  const known = EXCEPTIONS.get(w);
  if (known !== undefined) return known;
  if (w.length <= 3) return 1;

  // A leading y is a consonant (yes, young).
  const letters = w.startsWith('y') ? `#${w.slice(1)}` : w;
  let count = (letters.match(VOWEL_GROUP) ?? []).length;

  const isVowel = (c: string | undefined) => c !== undefined && 'aeiouy'.includes(c);
  const at = (fromEnd: number) => letters[letters.length - fromEnd];

  // Silent final e (make, hope) but not the syllabic -le of table, nor a vowel run (free, tie).
  if (letters.endsWith('e') && !isVowel(at(2)) && !(at(2) === 'l' && !isVowel(at(3)))) count--;
  // Silent -es (makes, hopes) except after sibilants (boxes, pages, wishes) and -les after a consonant (tables).
  else if (letters.endsWith('es') && !isVowel(at(3)) && !/(s|x|z|ch|sh|c|g)es$/.test(letters) && !(at(3) === 'l' && !isVowel(at(4)))) count--;
  // Silent -ed (liked, used) except after t or d (needed, wanted); "played" and "studied" already counted the e in their run.
  else if (letters.endsWith('ed') && !isVowel(at(3)) && !/[td]ed$/.test(letters)) count--;

  // A silent e before a suffix: lately, careful, management, hopeless, lateness.
  if (/[^aeiouy]e(ly|ful|ment|ments|less|ness)$/.test(letters)) count--;
  // Vowel pairs that are two syllables: media, trial, actual, calcium, biology, earlier.
  count += (letters.match(/[^cgstx]ia/g) ?? []).length;
  count += (letters.match(/[^cgstxn]io/g) ?? []).length;
  count += (letters.match(/[^qg]u[ao]/g) ?? []).length;
  count += (letters.match(/iu/g) ?? []).length;
  count += (letters.match(/ie(r|st)$/g) ?? []).length;
  // -ism has a syllable without a vowel of its own: rheumatism, autism.
  if (letters.endsWith('ism')) count++;

  return Math.max(1, count);
}

/**
 * Clinical codes a topic page can carry (ICD-10-CM, ICD-11, ORPHA, MeSH,
 * SNOMED CT, OMIM): how each system's codes are written, how they are
 * checked, and where each code can be looked up. Codes are written
 * "SYSTEM:CODE" in page files and the editor ("ICD-10-CM:M34.9",
 * "ORPHA:90291"); problems are English phrases like the schema's, which the
 * editor shows in its own language (src/editing/problem-text.ts).
 */

export const CODE_SYSTEMS = ['ICD-10-CM', 'ICD-11', 'ORPHA', 'MeSH', 'SNOMED CT', 'OMIM'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

export interface ClinicalCode {
  system: CodeSystem;
  /** The code as the system writes it: "M34.9", "4A42", "90291" (ORPHA without its prefix), "D012595". */
  code: string;
  /**
   * ICD-11 only: the WHO entity number the ICD-11 browser addresses the code
   * by (its address ends in #<entity>); the browser cannot be opened at a code itself.
   */
  whoEntity?: string | undefined;
}

interface SystemRule {
  /** Canonical form of what was typed (upper case, prefix dropped), before the pattern is checked. */
  normalise(code: string): string;
  pattern: RegExp;
  /** An example shown in the problem message. */
  example: string;
  /** Extra check beyond the pattern (SNOMED CT's check digit); returns a problem phrase or null. */
  check?(code: string): string | null;
}

const RULES: Record<CodeSystem, SystemRule> = {
  'ICD-10-CM': {
    // Written with its dot after the third character; "M349" is read as "M34.9".
    normalise: (c) => {
      const up = c.toUpperCase();
      return /^[A-Z]\d[0-9A-Z][0-9A-Z]{1,4}$/.test(up) ? `${up.slice(0, 3)}.${up.slice(3)}` : up;
    },
    pattern: /^[A-TV-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/,
    example: 'M34.9',
  },
  'ICD-11': {
    normalise: (c) => c.toUpperCase(),
    // A stem code of the MMS: chapter character, a letter, a digit, a character, then up to two after a dot.
    pattern: /^[0-9A-HJ-NP-Z][A-HJ-NP-Z]\d[0-9A-HJ-NP-Z](\.[0-9A-HJ-NP-Z]{1,2})?$/,
    example: '4A40',
  },
  ORPHA: {
    normalise: (c) => c,
    pattern: /^[1-9]\d{0,6}$/,
    example: 'ORPHA:558',
  },
  MeSH: {
    normalise: (c) => c.toUpperCase(),
    // Descriptors (D…) and supplementary concepts (C…): six or nine digits.
    pattern: /^[CD]\d{6}(\d{3})?$/,
    example: 'D012595',
  },
  'SNOMED CT': {
    normalise: (c) => c,
    // 6 to 18 digits, no leading zero.
    pattern: /^[1-9]\d{5,17}$/,
    example: '73211009',
    check: (c) => {
      if (!verhoeffValid(c)) return `"${c}" is not a SNOMED CT identifier: its check digit is wrong`;
      // The two digits before the check digit say what the identifier names; 00 and 10 are concepts.
      const partition = c.slice(-3, -1);
      return partition === '00' || partition === '10' ? null : `"${c}" is a SNOMED CT identifier, but not of a concept`;
    },
  },
  OMIM: {
    normalise: (c) => c,
    pattern: /^[1-6]\d{5}$/,
    example: '601863',
  },
};

/** System names as people write them, folded to letters and digits. */
const SYSTEM_NAMES: Record<string, CodeSystem> = {
  ICD10CM: 'ICD-10-CM',
  ICD11: 'ICD-11',
  ORPHA: 'ORPHA',
  ORPHANET: 'ORPHA',
  MESH: 'MeSH',
  SNOMEDCT: 'SNOMED CT',
  SNOMED: 'SNOMED CT',
  OMIM: 'OMIM',
  MIM: 'OMIM',
};

export function codeSystemNamed(name: string): CodeSystem | null {
  return SYSTEM_NAMES[name.toUpperCase().replace(/[^A-Z0-9]/g, '')] ?? null;
}

const SYSTEM_LIST = 'ICD-10-CM, ICD-11, ORPHA, MeSH, SNOMED CT or OMIM';

/** Why a code is not one its system could have, as an English phrase; null when it is well-formed. */
export function codeProblem(system: CodeSystem, code: string): string | null {
  const rule = RULES[system];
  if (!rule.pattern.test(code)) return `"${code}" is not in the form of ${system} codes (for example ${rule.example})`;
  return rule.check?.(code) ?? null;
}

/**
 * Reads one code as written in a page file or the editor: "ICD-10-CM:M34.9",
 * "MeSH D012595", "ORPHA:90291", "ICD-11:4A40@1234567890" (with the WHO entity
 * number the browser link needs). Returns the code in canonical form, or the problem.
 */
export function readCode(text: string): { code: ClinicalCode } | { problem: string } {
  const written = text.trim();
  const m = /^(.+?)\s*[:\s]\s*([^\s:]+)$/.exec(written);
  if (!m) return { problem: `"${written}" needs its code system first, e.g. "ICD-10-CM:M34.9" or "ORPHA:90291"` };
  const system = codeSystemNamed(m[1]!);
  if (!system) return { problem: `"${m[1]!}" is not a code system we know: use ${SYSTEM_LIST}` };
  let value = m[2]!;
  let whoEntity: string | undefined;
  const at = value.indexOf('@');
  if (at >= 0) {
    whoEntity = value.slice(at + 1);
    value = value.slice(0, at);
    if (system !== 'ICD-11') return { problem: `only ICD-11 codes take a WHO entity number after "@"` };
    if (!/^\d{1,12}$/.test(whoEntity)) return { problem: `"${whoEntity}" is not a WHO entity number: it is the digits at the end of the address of the code in the ICD-11 browser` };
  }
  const code = RULES[system].normalise(value);
  const problem = codeProblem(system, code);
  if (problem) return { problem };
  return { code: whoEntity ? { system, code, whoEntity } : { system, code } };
}

/** A code as it is written back into a page file or the editor (the inverse of readCode). */
export function codeText(code: ClinicalCode): string {
  return `${code.system}:${code.code}${code.whoEntity ? `@${code.whoEntity}` : ''}`;
}

/** The code as readers know it: ORPHA codes keep their prefix ("ORPHA:90291"). */
export function codeLabel(code: ClinicalCode): string {
  return code.system === 'ORPHA' ? `ORPHA:${code.code}` : code.code;
}

/** The same code, added twice, is one code. */
export function sameCode(a: ClinicalCode, b: ClinicalCode): boolean {
  return a.system === b.system && a.code === b.code;
}

/** HL7 identifier of ICD-10-CM, as MedlinePlus Connect expects it. */
const ICD10CM_OID = '2.16.840.1.113883.6.90';

/** Where readers can look the code up at the body that keeps it; null when there is no such page for it. */
export function codeLink(code: ClinicalCode): string | null {
  const c = encodeURIComponent(code.code);
  switch (code.system) {
    case 'ICD-10-CM':
      // MedlinePlus Connect answers with the MedlinePlus pages about the condition the code names.
      return `https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=${ICD10CM_OID}&mainSearchCriteria.v.c=${c}&knowledgeResponseType=text/html`;
    case 'ICD-11':
      return code.whoEntity ? `https://icd.who.int/browse/latest-release/mms/en#${code.whoEntity}` : null;
    case 'ORPHA':
      return `https://www.orpha.net/en/disease/detail/${c}`;
    case 'MeSH':
      return `https://meshb.nlm.nih.gov/record/ui?ui=${c}`;
    case 'SNOMED CT':
      return `https://browser.ihtsdotools.org/?perspective=full&conceptId1=${c}`;
    case 'OMIM':
      return `https://omim.org/entry/${c}`;
  }
}

/** The schema.org name of each system (MedicalCode.codingSystem). */
export function codingSystemName(system: CodeSystem): string {
  return system === 'ORPHA' ? 'ORPHANET' : system === 'SNOMED CT' ? 'SNOMED-CT' : system;
}

// Verhoeff's dihedral check digit, which SNOMED CT identifiers end with.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

export function verhoeffValid(digits: string): boolean {
  let c = 0;
  const reversed = [...digits].reverse();
  for (let i = 0; i < reversed.length; i++) c = D[c]![P[i % 8]![Number(reversed[i])]!]!;
  return c === 0;
}

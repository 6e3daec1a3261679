import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchDocument } from './documents.js';

/**
 * A deterministic synthetic directory for benchmarks and scale tests: page
 * titles, headings, sub-article titles and digests made of realistic words
 * in random order (word salad, never medical statements), drawn with a
 * seeded PRNG so every run indexes and queries exactly the same text.
 */

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Words of medical writing (terms only; the generator never puts them into true statements).
const MEDICAL_WORDS = `
fibrosis collagen fibroblast endothelial vascular microvascular capillary capillaroscopy autoantibody antibody antinuclear
centromere topoisomerase polymerase interstitial pulmonary hypertension arterial renal crisis digital ulcer ulcers calcinosis
telangiectasia sclerodactyly oesophageal esophageal dysmotility reflux gastrointestinal malabsorption cardiac myocardial
pericardial arrhythmia skin thickening modified rodnan score cutaneous diffuse limited systemic sclerosis scleroderma morphea
localized overlap syndrome myositis arthritis arthralgia tendon friction rubs inflammation inflammatory cytokine interleukin
chemokine interferon signature macrophage monocyte lymphocyte neutrophil platelet eosinophil mast dendritic regulatory
tolerance autoimmunity autoimmune genome genetic polymorphism susceptibility locus haplotype allele epigenetic methylation
microrna transcription pathway signalling signaling receptor ligand agonist antagonist inhibitor kinase tyrosine growth factor
transforming connective tissue growth endothelin prostacyclin nitric oxide phosphodiesterase vasodilator calcium channel blocker
nifedipine amlodipine sildenafil tadalafil bosentan ambrisentan macitentan riociguat iloprost epoprostenol treprostinil
methotrexate mycophenolate cyclophosphamide rituximab tocilizumab nintedanib pirfenidone azathioprine hydroxychloroquine
prednisone corticosteroid glucocorticoid immunosuppression immunosuppressive transplantation autologous haematopoietic
hematopoietic stem cell therapy trial randomised randomized placebo controlled double blind open label cohort prospective
retrospective observational registry database longitudinal cross sectional survey questionnaire quality life disability
fatigue pain depression anxiety sleep function mortality survival prognosis predictor biomarker serum plasma urine biopsy
histology imaging ultrasound echocardiography spirometry diffusion capacity forced vital computed tomography magnetic resonance
scintigraphy manometry endoscopy incidence prevalence epidemiology population ethnicity gender women pregnancy outcome
complication infection vaccination vaccine exposure occupational silica solvent vinyl chloride toxin environmental smoking
nutrition vitamin deficiency supplementation exercise rehabilitation physiotherapy occupational hand mouth dental oral
xerostomia sicca raynaud phenomenon vasospasm cold ischaemia ischemia gangrene amputation wound healing dressing analgesia
mechanism hypothesis evidence review meta analysis guideline recommendation consensus classification criteria diagnosis
screening early detection progression severity activity damage index response remission relapse flare management treatment
patients controls healthy volunteers participants subjects children adults elderly follow months years baseline significant
association correlation increased decreased elevated reduced levels expression production activation apoptosis proliferation
oxidative stress mitochondrial metabolism hypoxia angiogenesis vasculopathy endothelium smooth muscle myofibroblast matrix
metalloproteinase tissue inhibitor extracellular deposition stiffness elasticity thickness dermal epidermal keratinocyte
adipose lipid cholesterol glucose insulin thyroid hormone oestrogen estrogen testosterone chromosome microchimerism fetal
maternal twins siblings families heritability lupus sjogren coeliac celiac vasculitis psoriasis sarcoidosis amyloidosis
`;

const FILLER = `the of and in with was were a to for that this from by on as at is are be been which these their than or
not but also may can found showed suggest reported compared between among after before during when while both more less
most each other such into over under about study studies researchers authors people group groups`.split(/\s+/).filter(Boolean);

const SURNAMES = `Smith Jones Garcia Muller Rossi Tanaka Chen Wang Kumar Silva Novak Kowalski Nielsen Larsen Dubois Martin Bernard Petit
Schmidt Fischer Weber Meyer Wagner Becker Hoffmann Schulz Koch Richter Klein Wolf Neumann Schwarz Zimmermann Braun Hofmann
Hartmann Lange Schmitt Werner Krause Meier Lehmann Huber Kaiser Fuchs Peters Lang Scholz Jung Hahn Vogel Friedrich Keller
Gunther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Ludwig Simon Kraus Vogt Otto Sommer Haas Graf Heinrich
Brandt Schreiber Schulte Dietrich Ziegler Kuhn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer
Denton Khanna Varga Allanore Distler Matucci Cerinic Furst Clements Steen Medsger Black Herrick Hinchcliff Assassi Mayes`.split(/\s+/);

const JOURNALS = [
  'Annals of the Rheumatic Diseases', 'Arthritis and Rheumatology', 'Rheumatology', 'The Journal of Rheumatology', 'Clinical Rheumatology',
  'Arthritis Research and Therapy', 'Seminars in Arthritis and Rheumatism', 'Journal of Scleroderma and Related Disorders', 'PLoS ONE',
  'Mediators of Inflammation', 'Clinical and Experimental Rheumatology', 'Rheumatology International', 'Lupus', 'Autoimmunity Reviews',
  'Journal of Autoimmunity', 'Frontiers in Immunology', 'British Journal of Dermatology', 'Journal of Investigative Dermatology',
  'European Respiratory Journal', 'Chest', 'Microvascular Research', 'BMC Musculoskeletal Disorders', 'Scientific Reports', 'The Lancet',
];
const OUTLETS = ['EurekAlert', 'Reuters Health', 'Medical News Today', 'ScienceDaily', 'HealthDay', 'BBC News', 'The Guardian', 'Medscape'];
const TITLE_PATTERNS = ['Causes: #', '# and Scleroderma', '# in Systemic Sclerosis', 'Treatment: #', 'Symptoms: #', '#: Research', 'Living with #', '# (Overview)'];
const HEADINGS = ['Research', 'In the news', 'Overview', 'More on this topic', 'What studies show', 'Treatment', 'Symptoms', 'Personal stories', 'Diagnosis', 'Outlook'];

export interface SyntheticPage {
  /** 1-based, dense: page n gets slug synthetic-n. */
  number: number;
  slug: string;
  title: string;
  summary: string;
}

export interface SyntheticOptions {
  seed: number;
  digests: number;
  /** Digests per page on average (default 20). */
  digestsPerPage?: number;
  /** The project's content/ folder, whose words join the vocabulary. */
  contentDir?: string;
}

/** The synthetic directory: its pages, and a generator of their search documents (ids of pages as inserted: page n → pageIds[n-1]). */
export function syntheticDirectory(options: SyntheticOptions) {
  const random = seededRandom(options.seed);
  const vocabulary = buildVocabulary(options.contentDir);
  // Zipf-like: word i is drawn with weight 1/(i+1)^0.9, so a few words are everywhere and most are rare.
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < vocabulary.length; i++) cumulative.push((total += 1 / Math.pow(i + 1, 0.9)));
  // The long tail of a real directory (drug and gene names, rare terms): many words, each rarely used.
  const tail = tailWords(30_000, seededRandom(options.seed + 1));
  const word = (): string => {
    if (random() < 0.06) return tail[Math.floor(random() * tail.length)]!;
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const sentence = (n: number) => {
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(random() < 0.35 ? pick(FILLER) : word());
    return `${capital(words.join(' '))}.`;
  };
  const text = (sentences: number) => Array.from({ length: sentences }, () => sentence(int(8, 18))).join(' ');
  const topic = () => `${capital(word())} ${capital(word())}`;

  const perPage = options.digestsPerPage ?? 20;
  const pageCount = Math.max(1, Math.round(options.digests / perPage));
  const pages: SyntheticPage[] = [];
  for (let n = 1; n <= pageCount; n++) {
    pages.push({ number: n, slug: `synthetic-${n}`, title: pick(TITLE_PATTERNS).replace('#', topic()), summary: sentence(int(10, 20)) });
  }

  /** Every search document, page by page; `pageIds[n - 1]` is the database id of page n. */
  function* documents(pageIds: number[]): Generator<SearchDocument> {
    let left = options.digests;
    for (const page of pages) {
      const pageId = pageIds[page.number - 1]!;
      const digests = page.number === pages.length ? left : Math.min(left, int(perPage - 8, perPage + 8));
      left -= digests;
      yield { pageId, scope: 'page', kind: 'page', anchor: null, title: page.title, heading: '', links: '', body: page.summary, source: '', year: null };
      const sections = int(2, 5);
      for (let s = 0; s < sections; s++) {
        const heading = random() < 0.5 ? pick(HEADINGS) : `${pick(HEADINGS)}: ${topic()}`;
        const anchor = `section-${s + 1}`;
        const links = Array.from({ length: int(0, 5) }, () => (random() < 0.5 ? `${topic()} and Scleroderma` : topic())).join('\n');
        yield { pageId, scope: 'page', kind: 'section', anchor, title: '', heading, links, body: '', source: '', year: null };
        const inSection = s === sections - 1 ? digests - Math.floor(digests / sections) * (sections - 1) : Math.floor(digests / sections);
        for (let d = 0; d < inSection; d++) {
          const r = random();
          const kind = r < 0.55 ? 'research' : r < 0.8 ? 'news' : 'summary';
          const year = kind === 'summary' ? null : Math.min(2024, 1985 + Math.floor(Math.sqrt(random()) * 40));
          const source =
            kind === 'research'
              ? `${sentence(int(8, 16))} ${pick(JOURNALS)}. ${Array.from({ length: int(1, 6) }, () => `${pick(SURNAMES)} ${String.fromCharCode(65 + int(0, 25))}`).join(', ')}. ${year}`
              : kind === 'news'
                ? `${pick(OUTLETS)}. ${sentence(int(6, 12))}`
                : '';
          yield { pageId, scope: 'entry', kind, anchor, title: '', heading, links: '', body: text(int(3, 7)), source, year };
        }
      }
    }
  }

  return { pages, vocabulary, documents };
}

const SYLLABLES = 'ba be bi bo ca ce ci co da de di do fa fe fi ga ge gi la le li lo lu ma me mi mo mu na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to tu va ve vi xa xi za zo'.split(' ');
const SUFFIXES = ['mab', 'nib', 'stat', 'tide', 'zole', 'pril', 'sartan', 'lin', 'ase', 'in', 'ol', 'ine', 'osis', 'itis'];

/** Made-up drug-like and gene-like names: pseudo-words no real text contains. */
function tailWords(count: number, random: () => number): string[] {
  const out = new Set<string>();
  while (out.size < count) {
    const r = random();
    if (r < 0.2) {
      out.add(`${String.fromCharCode(97 + Math.floor(random() * 26))}${String.fromCharCode(97 + Math.floor(random() * 26))}${1 + Math.floor(random() * 40)}`);
    } else {
      let w = '';
      for (let i = 0, n = 2 + Math.floor(random() * 3); i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      out.add(w + SUFFIXES[Math.floor(random() * SUFFIXES.length)]);
    }
  }
  return [...out];
}

/** Medical words plus every word of the demo content, most common first as drawn by the Zipf weights. */
function buildVocabulary(contentDir: string | undefined): string[] {
  const words = new Set(MEDICAL_WORDS.split(/\s+/).filter(Boolean));
  if (contentDir) {
    const dir = join(contentDir, 'pages');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      for (const w of readFileSync(join(dir, file), 'utf8').toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? []) words.add(w.replace(/^'+|'+$/g, ''));
    }
  }
  // A fixed shuffle (seeded), so the most frequent words are a mix and not alphabetical.
  const list = [...words].sort();
  const random = seededRandom(7);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

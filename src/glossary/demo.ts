/** The glossary part of the content directory (content/glossary.yaml), imported on first start when the glossary is empty. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFINITION_MAX, SYNONYMS_MAX, TERM_MAX } from './form.js';
import type { GlossaryStore } from './store.js';

const GlossaryFile = z.object({
  terms: z
    .array(
      z.object({
        term: z.string().min(1).max(TERM_MAX),
        synonyms: z.array(z.string().min(1).max(TERM_MAX)).max(SYNONYMS_MAX).default([]),
        definition: z.string().min(1).max(DEFINITION_MAX),
      }),
    )
    .default([]),
});

export async function importGlossaryContent(store: GlossaryStore, contentDir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(contentDir, 'glossary.yaml'), 'utf8');
  } catch {
    return; // A content directory without a glossary: editors write it.
  }
  await store.seed(GlossaryFile.parse(parseYaml(text) ?? {}).terms);
}

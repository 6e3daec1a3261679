/**
 * The community part of the content directory (content/forums.yaml): the
 * forum categories and the community settings, imported on first start when
 * there are no categories yet. Nothing else: no posts, no stories.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { Forums } from './forums.js';
import { CommunitySettings, saveCommunitySettings } from './settings.js';

const ForumsFile = z.object({
  categories: z
    .array(
      z.object({
        slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).refine((s) => s !== 'topics' && s !== 'posts', 'topics and posts are addresses of the forums themselves'),
        name: z.string().min(1).max(100),
        description: z.string().max(500).default(''),
        lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).nullable().default(null),
        visibility: z.enum(['public', 'members']).default('public'),
      }),
    )
    .default([]),
  settings: CommunitySettings.partial().default({}),
});

export async function importCommunityContent(db: Db, forums: Forums, contentDir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(contentDir, 'forums.yaml'), 'utf8');
  } catch {
    return; // A content directory without forums: the operator adds categories later.
  }
  const file = ForumsFile.parse(parseYaml(text) ?? {});
  await db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('forum_categories').select('id').executeTakeFirst()) return;
    for (const category of file.categories) await forums.addCategory(category, tx);
    if (!(await tx.selectFrom('settings').select('key').where('key', '=', 'community').executeTakeFirst())) await saveCommunitySettings(tx, file.settings);
  });
}

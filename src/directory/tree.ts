import type { Lang } from '../i18n/languages.js';
import { familyPrefixes, listedTitle } from './sort-title.js';

/** A page as a node of the directory tree (no content). */
export interface TreeNode {
  id: number;
  slug: string;
  title: string;
  /** The title it is listed under in the A–Z and the tree ("Silica" for "Causes: Silica"); src/directory/sort-title.ts. */
  sortTitle: string;
  summary: string;
  parentId: number | null;
  position: number;
  children: TreeNode[];
  depth: number;
  /** The language of title and sort title, and of the summary: absent for English (see translatedTree). */
  lang?: Lang;
  summaryLang?: Lang;
}

/** The whole directory tree with its reading order (depth-first), built from flat rows. */
export interface DirectoryTree {
  roots: TreeNode[];
  bySlug: Map<string, TreeNode>;
  byId: Map<number, TreeNode>;
  /** Depth-first order: the order of "previous" and "next" links. */
  order: TreeNode[];
}

export function buildTree(
  rows: Array<{ id: number; slug: string; title: string; sort_title?: string | null; summary: string; parent_id: number | null; position: number }>,
  /** The titles whose shared prefixes are family names; all rows' titles when absent. */
  familyTitles: Iterable<string> = rows.map((r) => r.title),
): DirectoryTree {
  const byId = new Map<number, TreeNode>();
  const families = familyPrefixes(familyTitles);
  for (const r of rows) {
    const sortTitle = listedTitle(r.title, r.sort_title, families);
    byId.set(r.id, { id: r.id, slug: r.slug, title: r.title, sortTitle, summary: r.summary, parentId: r.parent_id, position: r.position, children: [], depth: 0 });
  }
  const roots: TreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    // A page whose parent is deleted shows at the top level rather than vanishing.
    (parent ? parent.children : roots).push(node);
  }
  const byOrder = (a: TreeNode, b: TreeNode) => a.position - b.position || a.sortTitle.localeCompare(b.sortTitle) || a.title.localeCompare(b.title);
  const order: TreeNode[] = [];
  const walk = (nodes: TreeNode[], depth: number) => {
    nodes.sort(byOrder);
    for (const n of nodes) {
      n.depth = depth;
      order.push(n);
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return { roots, byId, order, bySlug: new Map(order.map((n) => [n.slug, n])) };
}

/**
 * The tree as readers of `lang` list it: each translated page under its
 * translated title (listed without its family prefix, as English titles are:
 * "Causas: genética" under "genética") and summary, marked with the language;
 * the others as they are, in English. Same shape and order as `tree`.
 */
export function translatedTree(tree: DirectoryTree, lang: Lang, listed: ReadonlyMap<number, { title: string; summary: string }>): DirectoryTree {
  if (!listed.size) return tree;
  const rows = tree.order.map((n) => {
    const own = listed.get(n.id);
    // English pages keep the title they are listed under (an editor's choice, or derived).
    return own
      ? { id: n.id, slug: n.slug, title: own.title, sort_title: null, summary: own.summary || n.summary, parent_id: n.parentId, position: n.position }
      : { id: n.id, slug: n.slug, title: n.title, sort_title: n.sortTitle, summary: n.summary, parent_id: n.parentId, position: n.position };
  });
  const localized = buildTree(rows, [...listed.values()].map((t) => t.title));
  for (const node of localized.order) {
    const own = listed.get(node.id);
    if (!own) continue;
    node.lang = lang;
    if (own.summary) node.summaryLang = lang;
  }
  return localized;
}

/** The chain of pages from the top of the tree down to (and including) this one. */
export function ancestry(tree: DirectoryTree, node: TreeNode): TreeNode[] {
  const chain: TreeNode[] = [];
  for (let n: TreeNode | undefined = node; n; n = n.parentId === null ? undefined : tree.byId.get(n.parentId)) {
    chain.unshift(n);
    if (chain.length > 1000) break;
  }
  return chain;
}

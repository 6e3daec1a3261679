/** A page as a node of the directory tree (no content). */
export interface TreeNode {
  id: number;
  slug: string;
  title: string;
  summary: string;
  parentId: number | null;
  position: number;
  children: TreeNode[];
  depth: number;
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
  rows: Array<{ id: number; slug: string; title: string; summary: string; parent_id: number | null; position: number }>,
): DirectoryTree {
  const byId = new Map<number, TreeNode>();
  for (const r of rows) {
    byId.set(r.id, { id: r.id, slug: r.slug, title: r.title, summary: r.summary, parentId: r.parent_id, position: r.position, children: [], depth: 0 });
  }
  const roots: TreeNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    // A page whose parent is deleted shows at the top level rather than vanishing.
    (parent ? parent.children : roots).push(node);
  }
  const byOrder = (a: TreeNode, b: TreeNode) => a.position - b.position || a.title.localeCompare(b.title);
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

/** The chain of pages from the top of the tree down to (and including) this one. */
export function ancestry(tree: DirectoryTree, node: TreeNode): TreeNode[] {
  const chain: TreeNode[] = [];
  for (let n: TreeNode | undefined = node; n; n = n.parentId === null ? undefined : tree.byId.get(n.parentId)) {
    chain.unshift(n);
    if (chain.length > 1000) break;
  }
  return chain;
}

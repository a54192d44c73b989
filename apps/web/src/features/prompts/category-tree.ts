/** One folder of the library: templates are filed by `category`, a path such as "support/triage". */
export interface CategoryNode {
  path: string;
  /** The last segment, e.g. "triage". */
  name: string;
  /** Templates in this folder and its sub-folders. */
  count: number;
  children: CategoryNode[];
}

/** The folder tree of the given categories, sorted by name; '' (no folder) adds no node. */
export function buildCategoryTree(categories: readonly string[]): CategoryNode[] {
  const root: CategoryNode = { path: '', name: '', count: 0, children: [] };
  for (const category of categories) {
    if (category === '') continue;
    let node = root;
    let path = '';
    for (const segment of category.split('/')) {
      path = path === '' ? segment : `${path}/${segment}`;
      let child = node.children.find((candidate) => candidate.name === segment);
      if (!child) {
        child = { path, name: segment, count: 0, children: [] };
        node.children.push(child);
      }
      child.count += 1;
      node = child;
    }
  }
  const sort = (nodes: CategoryNode[]): CategoryNode[] =>
    nodes.sort((a, b) => a.name.localeCompare(b.name)).map((node) => ({ ...node, children: sort(node.children) }));
  return sort(root.children);
}

/** "support/triage" → ["support", "support/triage"]: the folders on the way, for a breadcrumb. */
export const categoryAncestors = (category: string): string[] =>
  category === '' ? [] : category.split('/').map((_, index, segments) => segments.slice(0, index + 1).join('/'));

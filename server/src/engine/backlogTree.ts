/** Every backlog item of a tree, epics before their children. (Its own module: the extension client bundles it.) */
export function flattenBacklog<T extends { children: T[] }>(items: T[]): T[] {
  return items.flatMap((item) => [item, ...flattenBacklog(item.children)]);
}

/** Ids a feature writes: unique in the workspace, and in the pattern its own ids follow. */
import { Workspace } from '../workspace';

/** `AB-link-leakage`, or `AB-link-leakage-2` when that is taken somewhere in the workspace. */
export function freshId(base: string, taken: Pick<ReadonlySet<string>, 'has'>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * `count` new backlog ids in the workspace's own pattern: its most common `PREFIX<number>`
 * (`RM-` in RM-101, RM-102…), numbered on from the highest, as wide as its ids are.
 */
export function nextBacklogIds(workspace: Workspace, count: number): string[] {
  const byPrefix = new Map<string, { uses: number; highest: number; width: number }>();
  for (const { id } of workspace.definitionsOfKind('backlog item')) {
    const match = id.match(/^(.*?)(\d+)$/);
    if (!match) continue;
    const seen = byPrefix.get(match[1]) ?? { uses: 0, highest: 0, width: 1 };
    byPrefix.set(match[1], {
      uses: seen.uses + 1,
      highest: Math.max(seen.highest, Number(match[2])),
      width: Math.max(seen.width, match[2].length),
    });
  }
  const [prefix, { highest, width }] = [...byPrefix].sort((a, b) => b[1].uses - a[1].uses)[0] ?? [
    'BL-',
    { highest: 0, width: 1 },
  ];
  const ids: string[] = [];
  for (let n = highest + 1; ids.length < count; n++) {
    const id = `${prefix}${String(n).padStart(width, '0')}`;
    // Ids of every kind share one namespace (duplicate-id): the index says whether anything holds this one.
    if (workspace.definitionsOf(id).length === 0) ids.push(id);
  }
  return ids;
}

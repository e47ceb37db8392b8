import { isScalar, Node, Pair, YAMLMap } from 'yaml';
import { Mitigation } from '../model';
import { Workspace } from '../workspace';
import { addListItems, appendPair, setEmptyValue, TextEdit } from './edits';
import { yamlScalar } from './yamlText';

/** Edits in several documents, by uri. */
export type EditsByUri = Record<string, TextEdit[]>;

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
    byPrefix.set(match[1], { uses: seen.uses + 1, highest: Math.max(seen.highest, Number(match[2])), width: Math.max(seen.width, match[2].length) });
  }
  const [prefix, { highest, width }] = [...byPrefix].sort((a, b) => b[1].uses - a[1].uses)[0] ?? ['BL-', { highest: 0, width: 1 }];
  const taken = new Set(workspace.definitionsOfKind('backlog item').map((definition) => definition.id));
  const ids: string[] = [];
  for (let n = highest + 1; ids.length < count; n++) {
    const id = `${prefix}${String(n).padStart(width, '0')}`;
    if (!taken.has(id)) ids.push(id);
  }
  return ids;
}

/** Where new backlog items go: this file when it keeps backlog items, else the file that keeps most of them, else this file. */
function backlogHome(workspace: Workspace, uri: string): string {
  const counts = new Map<string, number>();
  for (const definition of workspace.definitionsOfKind('backlog item')) counts.set(definition.uri, (counts.get(definition.uri) ?? 0) + 1);
  if (counts.has(uri)) return uri;
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? uri;
}

/**
 * Creates one security backlog item per mitigation, titled after it, in the workspace's backlog
 * file, and names it in the mitigation's `backlog:`. Undefined when a file cannot take the edit.
 */
export function backlogItemsFor(workspace: Workspace, uri: string, mitigations: readonly Mitigation[]): { edits: EditsByUri; ids: string[] } | undefined {
  const file = workspace.file(uri);
  const homeUri = backlogHome(workspace, uri);
  const home = workspace.file(homeUri);
  const root = home?.tree.objects[0];
  if (!file || !home || !root || root.shape.fields.backlog === undefined || mitigations.length === 0) return undefined;
  const ids = nextBacklogIds(workspace, mitigations.length);
  const items = mitigations.map((mitigation, index) => [`id: ${ids[index]}`, `title: ${yamlScalar(mitigation.title?.value ?? 'Build this mitigation')}`, 'security: true']);
  const created = addListItems(home.text, root.node, 'backlog', items);
  if (!created) return undefined;
  const named: TextEdit[] = [];
  for (const [index, mitigation] of mitigations.entries()) {
    const map = file.tree.objects.find((object) => object.node.range?.[0] === mitigation.range.start)?.node;
    const edit = map && nameBacklogItem(file.text, map, ids[index]);
    if (!edit) return undefined;
    named.push(edit);
  }
  const edits: EditsByUri = { [homeUri]: [created] };
  edits[uri] = [...(edits[uri] ?? []), ...named];
  return { edits, ids };
}

/** `backlog: [id]` in a mitigation whose `backlog` is absent or empty. */
function nameBacklogItem(text: string, map: YAMLMap, id: string): TextEdit | undefined {
  const pair = (map.items as Pair<Node, Node | null>[]).find((candidate) => isScalar(candidate.key) && candidate.key.value === 'backlog');
  return pair ? setEmptyValue(text, pair, `[${id}]`) : appendPair(text, map, [`backlog: [${id}]`]);
}

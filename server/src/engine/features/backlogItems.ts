import { isScalar, Node, Pair, YAMLMap } from 'yaml';
import { compareSprints } from '../capacity';
import { BacklogItem, Mitigation } from '../model';
import { Workspace } from '../workspace';
import { addListItems, appendPair, setEmptyValue, TextEdit } from './edits';
import { nextBacklogIds } from './ids';
import { yamlScalar } from './yamlText';

/** The backlog items of each release the workspace names, in release order ("2027.2" before "2027.10"). */
export function backlogItemsByRelease(workspace: Workspace): Map<string, BacklogItem[]> {
  const byRelease = new Map<string, BacklogItem[]>();
  for (const { backlogItem: item } of workspace.definitionsOfKind('backlog item')) {
    const release = item?.release?.value;
    if (release === undefined) continue;
    let items = byRelease.get(release);
    if (!items) byRelease.set(release, (items = []));
    items.push(item!);
  }
  return new Map([...byRelease].sort(([a], [b]) => compareSprints(a, b)));
}

/** Edits in several documents, by uri. */
export type EditsByUri = Record<string, TextEdit[]>;

/** Where new backlog items go: this file when it keeps backlog items, else the file that keeps most of them, else this file. */
function backlogHome(workspace: Workspace, uri: string): string {
  const counts = new Map<string, number>();
  for (const definition of workspace.definitionsOfKind('backlog item'))
    counts.set(definition.uri, (counts.get(definition.uri) ?? 0) + 1);
  if (counts.has(uri)) return uri;
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? uri;
}

/** Creates one backlog item, with `fields` after its new id, in the workspace's backlog file. */
export function newBacklogItem(
  workspace: Workspace,
  uri: string,
  fields: string[],
): { edits: EditsByUri; id: string } | undefined {
  const homeUri = backlogHome(workspace, uri);
  const home = workspace.file(homeUri);
  const root = home?.tree.objects[0];
  if (!home || !root || root.shape.fields.backlog === undefined) return undefined;
  const [id] = nextBacklogIds(workspace, 1);
  const created = addListItems(home.text, root.node, 'backlog', [[`id: ${id}`, ...fields]]);
  return created && { edits: { [homeUri]: [created] }, id };
}

/**
 * Creates one security backlog item per mitigation, titled after it, in the workspace's backlog
 * file, and names it in the mitigation's `backlog:`. Undefined when a file cannot take the edit.
 */
export function backlogItemsFor(
  workspace: Workspace,
  uri: string,
  mitigations: readonly Mitigation[],
): { edits: EditsByUri; ids: string[] } | undefined {
  const file = workspace.file(uri);
  const homeUri = backlogHome(workspace, uri);
  const home = workspace.file(homeUri);
  const root = home?.tree.objects[0];
  if (!file || !home || !root || root.shape.fields.backlog === undefined || mitigations.length === 0) return undefined;
  const ids = nextBacklogIds(workspace, mitigations.length);
  const items = mitigations.map((mitigation, index) => [
    `id: ${ids[index]}`,
    `title: ${yamlScalar(mitigation.title?.value ?? 'Build this mitigation')}`,
    'security: true',
  ]);
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
  const pair = (map.items as Pair<Node, Node | null>[]).find(
    (candidate) => isScalar(candidate.key) && candidate.key.value === 'backlog',
  );
  return pair ? setEmptyValue(text, pair, `[${id}]`) : appendPair(text, map, [`backlog: [${id}]`]);
}

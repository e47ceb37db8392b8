import { sprintLabel } from '../capacity';
import { DIMENSIONS } from '../format';
import { Occurrence, occurrencesIn } from '../occurrences';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';

/** Which hints to show, one switch per kind of reference (the `abuseCases.inlayHints.*` settings). */
export interface InlayHintKinds {
  backlogReferences: boolean;
  dataClasses: boolean;
  templates: boolean;
}

export const ALL_INLAY_HINTS: InlayHintKinds = { backlogReferences: true, dataClasses: true, templates: true };

/** A hint shown just after a reference: each starts with `·`, as a description after the id. */
export interface InlayHint {
  offset: number;
  label: string;
}

/**
 * The hints of the references written in `range` of a file: after a backlog item its status and sprint, after a data
 * class the levels it requires, after a template id its title. Each is looked up in the workspace's indexes; a
 * reference to nothing known gets none.
 */
export function inlayHintsIn(
  workspace: Workspace,
  uri: string,
  range: OffsetRange,
  kinds: InlayHintKinds = ALL_INLAY_HINTS,
): InlayHint[] {
  const file = workspace.file(uri);
  if (!file) return [];
  const hints: InlayHint[] = [];
  for (const occurrence of occurrencesIn(file, range)) {
    if (occurrence.role !== 'reference') continue;
    const label = labelOf(workspace, occurrence, kinds);
    if (label) hints.push({ offset: occurrence.range.end, label: `· ${label}` });
  }
  return hints;
}

function labelOf(workspace: Workspace, { kind, id }: Occurrence, kinds: InlayHintKinds): string | undefined {
  if (kind === 'item' && kinds.backlogReferences) {
    // An item id may also name a use case or an abuse case (a security item's source): only backlog items are hinted.
    const item = workspace.definitionsOf(id).find((definition) => definition.backlogItem)?.backlogItem;
    return item && [item.status, ...(item.sprint === undefined ? [] : [sprintLabel(item.sprint)])].join(' · ');
  }
  if (kind === 'data-class' && kinds.dataClasses) {
    const requires = workspace.dataClasses.get(id)?.requires;
    const levels = requires
      ? DIMENSIONS.filter((dimension) => requires[dimension] !== 'none').map(
          (dimension) => `${dimension[0].toUpperCase()} ${requires[dimension]}`,
        )
      : [];
    return levels.length ? levels.join(' · ') : undefined;
  }
  if (kind === 'template' && kinds.templates) return workspace.templateOf(id)?.title;
  return undefined;
}

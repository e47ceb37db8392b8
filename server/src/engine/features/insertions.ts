import { Dimension } from '../format';
import { quoted } from '../quote';
import { OffsetRange } from '../text';
import { AbuseCase, UseCase } from '../model';
import { Workspace } from '../workspace';
import { freshId } from './ids';
import { addListItems, TextEdit } from './edits';
import { rankTemplates, templateMatching } from './ranking';
import { abuseCaseLines, mitigationItems, TextBuilder, textStyleOf } from './yamlText';

/** An edit that adds something to a document, what it adds in words, and what to select once it is applied. */
export interface Insertion {
  edit: TextEdit;
  description: string;
  /** In the document's text after the edit: the new id (or the first new title), for the editor to select and show. */
  select: OffsetRange;
}

/** Where `text` (the first occurrence after `marker`) lands in the document once `edit` is applied. */
function selectionOf(edit: TextEdit, marker: string, text: string): OffsetRange {
  const at = edit.newText.indexOf(marker) + marker.length;
  return { start: edit.range.start + at, end: edit.range.start + at + text.length };
}

/**
 * Adds to a use case an abuse case made from a ranked catalog template: the
 * best-ranked one, the n-th with `rank`, the best one threatening `dimension`, of an `intent`, or of a baseline `family`.
 */
export function abuseCaseInsertion(
  workspace: Workspace,
  uri: string,
  useCase: UseCase,
  {
    dimension,
    rank = 0,
    intent,
    family,
  }: { dimension?: Dimension; rank?: number; intent?: string; family?: string } = {},
): Insertion | undefined {
  const file = workspace.file(uri);
  const map = file?.tree.objects.find((object) => object.node.range?.[0] === useCase.range.start)?.node;
  if (!file || !map) return undefined;
  const catalog = workspace.catalog();
  const ranked = rankTemplates(
    useCase,
    family ? catalog.filter((t) => t.family === family) : catalog,
    workspace.dataClasses,
    {
      dimension,
      today: workspace.todayDate,
    },
  );
  const template = (intent ? ranked.filter((entry) => entry.template.intent === intent) : ranked)[rank]?.template;
  if (!template) return undefined;
  const taken = new Set(workspace.definitionsOfKind('abuse case').map((definition) => definition.id));
  const id = freshId(`AB-${template.id}`, taken);
  const edit = addListItems(file.text, map, 'abuse_cases', [
    abuseCaseLines(template, id, new TextBuilder(false), textStyleOf(file.text).step),
  ]);
  return edit && { edit, description: template.title, select: selectionOf(edit, '- id: ', id) };
}

/**
 * Adds mitigations to an abuse case: those its template suggests (the
 * template it names, else one its title matches), or a skeleton to fill in.
 */
export function mitigationInsertion(
  workspace: Workspace,
  uri: string,
  abuseCase: AbuseCase,
  { skeleton = false }: { skeleton?: boolean } = {},
): Insertion | undefined {
  const file = workspace.file(uri);
  const map = file?.tree.objects.find((object) => object.node.range?.[0] === abuseCase.range.start)?.node;
  if (!file || !map) return undefined;
  const template = skeleton
    ? undefined
    : abuseCase.template
      ? workspace.templateOf(abuseCase.template.value)
      : templateMatching(abuseCase, workspace.catalog());
  const present = new Set(abuseCase.mitigations.map((mitigation) => mitigation.title?.value));
  const suggested = template && { ...template, mitigations: template.mitigations.filter((m) => !present.has(m.title)) };
  const items = mitigationItems(suggested, new TextBuilder(false));
  const edit = addListItems(file.text, map, 'mitigations', items);
  const title = items[0][0].slice('title: '.length);
  return (
    edit && {
      edit,
      description: suggested?.mitigations.length
        ? `the mitigations suggested by ${quoted(template!.id)}`
        : 'a mitigation to describe',
      select: selectionOf(edit, '- title: ', title),
    }
  );
}

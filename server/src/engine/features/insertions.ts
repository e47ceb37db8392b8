import { Dimension } from '../format';
import { AbuseCase, UseCase } from '../model';
import { Workspace } from '../workspace';
import { freshId } from './completion';
import { addListItems, TextEdit } from './edits';
import { rankTemplates, templateMatching } from './ranking';
import { abuseCaseLines, mitigationItems, TextBuilder, textStyleOf } from './yamlText';

/** An edit that adds something to a document, and what it adds, in words. */
export interface Insertion {
  edit: TextEdit;
  description: string;
}

/**
 * Adds to a use case an abuse case made from a ranked catalog template: the
 * best-ranked one, the n-th with `rank`, or the best one threatening `dimension`.
 */
export function abuseCaseInsertion(
  workspace: Workspace,
  uri: string,
  useCase: UseCase,
  { dimension, rank = 0 }: { dimension?: Dimension; rank?: number } = {},
): Insertion | undefined {
  const file = workspace.file(uri);
  const map = file?.tree.objects.find((object) => object.node.range?.[0] === useCase.range.start)?.node;
  if (!file || !map) return undefined;
  const ranked = rankTemplates(useCase, workspace.catalog(), workspace.dataClasses, { dimension, today: workspace.todayDate });
  const template = ranked[rank]?.template;
  if (!template) return undefined;
  const taken = new Set(workspace.definitionsOfKind('abuse case').map((definition) => definition.id));
  const edit = addListItems(file.text, map, 'abuse_cases', [abuseCaseLines(template, freshId(`AB-${template.id}`, taken), new TextBuilder(false), textStyleOf(file.text).step)]);
  return edit && { edit, description: template.title };
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
  const edit = addListItems(file.text, map, 'mitigations', mitigationItems(suggested, new TextBuilder(false)));
  return edit && { edit, description: suggested?.mitigations.length ? `the mitigations suggested by '${template!.id}'` : 'a mitigation to describe' };
}

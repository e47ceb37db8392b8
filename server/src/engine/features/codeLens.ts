import { abuseCaseStatesOf, ciaBadge, ciaMarksOf } from '../coverageNodes';
import type { DataClass } from '../dataClasses';
import { Located, UseCase } from '../model';
import { OffsetRange, plural } from '../text';
import { Workspace } from '../workspace';

/** A place, in its file: what a backlog item's lens lists. */
export interface LensReference {
  uri: string;
  range: OffsetRange;
}

/** One lens: the line it sits above (the id it is about), its text, and what a click does. */
export interface CodeLens {
  range: OffsetRange;
  title: string;
  /** A use case's row in the coverage view, or the places that name a backlog item; none when there is nothing to list. */
  action?: { kind: 'reveal-in-coverage' } | { kind: 'references'; references: LensReference[] };
}

/**
 * The lenses of a file: above each use case its CIA state (the sidebar's badge) and its abuse cases, how many still
 * open; above each backlog item how many use cases and mitigations name it. The marks are the coverage model's, worked
 * out for this file's use cases alone (without their nodes); what names an item comes from the workspace's indexes of
 * what builds it: no walk of the other files.
 */
export function codeLensesOf(workspace: Workspace, uri: string): CodeLens[] {
  const file = workspace.file(uri);
  if (!file) return [];
  const lenses: CodeLens[] = [];
  const { dataClasses, todayDate: today } = workspace;
  for (const useCase of file.model.useCases) {
    lenses.push({
      range: useCase.anchor,
      title: useCaseLensTitle(useCase, dataClasses, today),
      action: { kind: 'reveal-in-coverage' },
    });
  }
  for (const item of file.model.backlog) {
    const id = item.id?.value;
    if (id === undefined) continue;
    const builders = workspace.useCasesBuiltBy(id);
    const mitigations = workspace.mitigationsBuiltBy(id);
    const references = [
      ...builders.flatMap(({ uri: other, useCase }) => namesOf(other, useCase.backlog, id)),
      ...mitigations.flatMap(({ uri: other, mitigation }) => namesOf(other, mitigation.backlog, id)),
    ].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start - b.range.start));
    lenses.push({
      range: item.anchor,
      title: `${plural(builders.length, 'use case')} · ${plural(mitigations.length, 'mitigation')}`,
      ...(references.length ? { action: { kind: 'references' as const, references } } : {}),
    });
  }
  return lenses.sort((a, b) => a.range.start - b.range.start);
}

/**
 * A use case's lens title: its CIA badge and its abuse cases. It reads nothing but the use case, the data classes and
 * the day, so it is kept with the use case, which an edit that leaves it keeps (the same object): in a large file an
 * edit works out again the titles of the use cases it touched, not those of all of them.
 */
const USE_CASE_TITLES = new WeakMap<
  UseCase,
  { dataClasses: ReadonlyMap<string, DataClass>; today: string; title: string }
>();

function useCaseLensTitle(useCase: UseCase, dataClasses: ReadonlyMap<string, DataClass>, today: string): string {
  const kept = USE_CASE_TITLES.get(useCase);
  if (kept?.dataClasses === dataClasses && kept.today === today) return kept.title;
  const abuseCases = abuseCaseStatesOf(useCase, today);
  const cia = ciaMarksOf(useCase, abuseCases, dataClasses, today);
  const open = abuseCases.filter((abuseCase) => abuseCase.state === 'open').length;
  const counts = abuseCases.length
    ? `${plural(abuseCases.length, 'abuse case')} · ${open ? `${open} open` : 'none open'}`
    : 'no abuse case';
  const title = `${ciaBadge(cia)} · ${counts}`;
  USE_CASE_TITLES.set(useCase, { dataClasses, today, title });
  return title;
}

/** Where a list of backlog references names the item. */
function namesOf(uri: string, refs: readonly Located<string>[], id: string): LensReference[] {
  return refs.filter((ref) => ref.value === id).map((ref) => ({ uri, range: ref.range }));
}

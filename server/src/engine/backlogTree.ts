import type {
  AbuseCaseNode,
  BacklogNode,
  CoverageLookup,
  CoverageModel,
  NodeLocation,
  UseCaseNode,
} from './coverageModel';

/* Walks of the coverage tree, in a module of their own: the extension client bundles them. */

/** Every backlog item of a tree, epics before their children. */
export function flattenBacklog<T extends { children: T[] }>(items: T[]): T[] {
  const flat: T[] = [];
  const visit = (item: T): void => {
    flat.push(item);
    for (const child of item.children) visit(child);
  };
  for (const item of items) visit(item);
  return flat;
}

/** Each use case of the model once (a use case can hang under several backlog items), the first definition of an id standing. */
export function useCasesOf(model: Pick<CoverageModel, 'backlog' | 'unplanned'>): UseCaseNode[] {
  const byId = new Map<string, UseCaseNode>();
  for (const useCase of [...flattenBacklog(model.backlog).flatMap((item) => item.useCases), ...model.unplanned]) {
    if (!byId.has(useCase.id)) byId.set(useCase.id, useCase);
  }
  return [...byId.values()];
}

/** The open abuse cases of some use cases, each id once. */
export function openRisksOf(useCases: readonly UseCaseNode[]): AbuseCaseNode[] {
  return [
    ...new Map(
      useCases.flatMap((useCase) =>
        useCase.abuseCases.filter((a) => a.state === 'open').map((a) => [a.id, a] as const),
      ),
    ).values(),
  ];
}

/**
 * The open abuse cases of a backlog item and everything below it: of the use cases they build, and those that the
 * mitigations they build answer (security work), each id once.
 */
export function openRisksOfItem(item: BacklogNode): { id: string; useCase: string }[] {
  const open = new Map<string, { id: string; useCase: string }>();
  for (const node of flattenBacklog([item])) {
    for (const useCase of node.useCases)
      for (const risk of openRisksOf([useCase]))
        if (!open.has(risk.id)) open.set(risk.id, { id: risk.id, useCase: useCase.id });
    for (const built of node.mitigations)
      if (built.abuseCaseState === 'open' && !open.has(built.abuseCase))
        open.set(built.abuseCase, { id: built.abuseCase, useCase: built.useCase });
  }
  return [...open.values()];
}

/** The lookup of a model by walks of its tree, each made once (the maintained index answers without them). */
export function lookupOf(model: Pick<CoverageModel, 'backlog' | 'unplanned' | 'files'>): CoverageLookup {
  const uriOf = (node: UseCaseNode | BacklogNode) => model.files[node.location[0]];
  let items: Map<string, BacklogNode> | undefined;
  let epics: Map<string, string> | undefined;
  let byFile: Map<string, { useCases: UseCaseNode[]; items: BacklogNode[] }> | undefined;
  let distinct: UseCaseNode[] | undefined;
  const all = () => {
    const nodes = new Set<UseCaseNode>();
    for (const item of flattenBacklog(model.backlog)) for (const useCase of item.useCases) nodes.add(useCase);
    for (const useCase of model.unplanned) nodes.add(useCase);
    return [...nodes];
  };
  const fileOf = (uri: string) => {
    let entry = byFile!.get(uri);
    if (!entry) byFile!.set(uri, (entry = { useCases: [], items: [] }));
    return entry;
  };
  return {
    useCases() {
      if (!distinct) {
        const seen = new Set<string>();
        distinct = all()
          .sort((a, b) => compareLocations(model.files, a.location, b.location))
          .filter((node) => !seen.has(`${uriOf(node)}#${node.id}`) && seen.add(`${uriOf(node)}#${node.id}`));
      }
      return distinct;
    },
    inFile(uri) {
      if (!byFile) {
        byFile = new Map();
        for (const item of flattenBacklog(model.backlog)) fileOf(uriOf(item)).items.push(item);
        for (const useCase of all()) fileOf(uriOf(useCase)).useCases.push(useCase);
      }
      return byFile.get(uri) ?? { useCases: [], items: [] };
    },
    item(id) {
      return (items ??= new Map(flattenBacklog(model.backlog).map((item) => [item.id, item]))).get(id);
    },
    epicOf(id) {
      epics ??= new Map(
        flattenBacklog(model.backlog).flatMap((epic) => epic.children.map((child) => [child.id, epic.id] as const)),
      );
      return epics.get(id);
    },
  };
}

/** In the order of the files, then of the text. */
function compareLocations(files: readonly string[], a: NodeLocation, b: NodeLocation): number {
  return files[a[0]].localeCompare(files[b[0]]) || a[1] - b[1] || a[2] - b[2];
}

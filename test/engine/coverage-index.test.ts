import * as assert from 'assert';
import { filePrefix, generateUseCaseFile, mulberry32, securityItemId } from '../../bench/generate';
import { DEFAULT_CONFIG, Workspace } from '../../server/src/engine';
import { lookupOf } from '../../server/src/engine/backlogTree';
import type { BacklogNode, CoverageLookup, CoverageModel, NodeLocation } from '../../server/src/engine/coverageModel';
import { baselineGapNames, CoverageIndex, coverageModelOf } from '../../server/src/engine/coverageTree';
import { releasesOf, ReleaseVerdict } from '../../server/src/engine/release';
import { coverageModelJson } from '../../server/src/lsp/coverageJson';
import { TODAY } from '../helpers/engine';

const FILES = 6;
const uriOf = (index: number) => `file:///w/${filePrefix(index).toLowerCase()}.usecase.yaml`;

/** The benchmark's files, small: ids carry a per-file prefix and some mitigations name the previous file's items. */
function generated(index: number): string {
  const previous = filePrefix((index + FILES - 1) % FILES);
  return generateUseCaseFile(100 + index, {
    useCases: 4,
    abuseCasesPerUseCase: 2,
    prefix: filePrefix(index),
    externalBacklogIds: [securityItemId(previous, 0), securityItemId(previous, 1)],
  });
}

/** Edits as typing makes them, and the ones that move coverage across files: statuses, parents, sprints, ids, backlog refs. */
/** Everything a CoverageLookup answers about a model: its use cases, each file's nodes, each item and its epic. */
function lookupAnswers(lookup: CoverageLookup, model: CoverageModel): unknown {
  const uris = new Set<string>();
  const uriOf = (node: { location: NodeLocation }) => model.files[node.location[0]];
  const ids = new Set<string>();
  const walk = (nodes: readonly BacklogNode[]) => {
    for (const node of nodes) {
      uris.add(uriOf(node));
      ids.add(node.id);
      for (const useCase of node.useCases) uris.add(uriOf(useCase));
      walk(node.children);
    }
  };
  walk(model.backlog);
  for (const useCase of model.unplanned) uris.add(uriOf(useCase));
  ids.add('RM-not-there');
  const idOf = (node: { id: string; location: NodeLocation }) => `${uriOf(node)}#${node.id}`;
  return {
    useCases: lookup.useCases().map(idOf),
    files: [...uris].sort().map((uri) => {
      const { useCases, items } = lookup.inFile(uri);
      // In no particular order: the row under the cursor is the deepest, whatever the order.
      return [uri, useCases.map(idOf).sort(), items.map(idOf).sort()];
    }),
    items: [...ids].sort().map((id) => [id, lookup.item(id) && idOf(lookup.item(id)!), lookup.epicOf(id)]),
  };
}

/** What a release's verdict says, by ids (a maintained model numbers files as it first met them). */
function releaseAnswers({ items, useCases, summary, sprints, expiring, gate, untraced }: ReleaseVerdict): unknown {
  const ids = (nodes: readonly { id: string }[]) => nodes.map((node) => node.id);
  return { items: ids(items), useCases: ids(useCases), summary, sprints, expiring: expiring.length, gate, untraced };
}

/**
 * A model with each location's file index replaced by the file's uri: a maintained model numbers files as it first
 * met them, a fresh build in the workspace's order, and both must say the same.
 */
function withUris(model: CoverageModel): unknown {
  return JSON.parse(
    JSON.stringify(model, (key, value: unknown) =>
      key === 'files'
        ? undefined
        : key === 'location' && Array.isArray(value)
          ? [model.files[value[0] as number], ...value.slice(1)]
          : value,
    ),
  );
}

function randomEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  const replaceValue = (key: RegExp, values: readonly string[]) => {
    const matches = [...text.matchAll(key)];
    if (!matches.length) return text;
    const match = pick(matches);
    const start = match.index! + match[1].length;
    return text.slice(0, start) + pick(values) + text.slice(start + match[2].length);
  };
  const otherId = () =>
    `${filePrefix(Math.floor(next() * FILES))}-${pick([1000, 2000, 2001, 2002, 2003, 5000, 5001, 9000])}`;
  const otherUseCase = () => `UC-${filePrefix(Math.floor(next() * FILES))}-000${1 + Math.floor(next() * 4)}`;
  switch (
    pick([
      'letter',
      'type',
      'delete',
      'newline',
      'drop-line',
      'copy-line',
      'status',
      'status',
      'parent',
      'sprint',
      'release',
      'points',
      'id',
      'id',
      'backlog',
      'threatens',
      'data',
    ] as const)
  ) {
    case 'letter':
      return text.slice(0, at) + pick(['a', 'e', 's', 't']) + text.slice(at);
    case 'type':
      return text.slice(0, at) + pick(['a', 'x', ' ', ':', '-', '#', '[', ']', '"', '1']) + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
    case 'newline':
      return `${text.slice(0, at)}\n${' '.repeat(Math.floor(next() * 10))}${text.slice(at)}`;
    case 'drop-line':
      return text.slice(0, lineStart) + text.slice(lineEnd);
    case 'copy-line':
      return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 'status':
      return replaceValue(/^(\s+status: )(\S+)$/gm, [
        'proposed',
        'planned',
        'implemented',
        'verified',
        'todo',
        'in-progress',
        'done',
      ]);
    case 'parent':
      return replaceValue(/^(\s+(?:parent|id): )(\S+)$/gm, [otherId(), otherId(), 'nowhere']).replace(
        /^(\s+)sprint: /m,
        (all) => (next() < 0.2 ? `${all.slice(0, -8)}parent: ${otherId()}\n${all}` : all),
      );
    case 'sprint':
      return replaceValue(/^(\s+sprint: )(\S+)$/gm, ['2026-S1', '2026-S2', '2026-S10', 'later']);
    case 'release':
      return replaceValue(/^(\s+release: )(\S+)$/gm, ['2026.4', '2027.1', '"2027.10"']);
    case 'points':
      return replaceValue(/^(\s+points: )(\S+)$/gm, ['0', '1', '3', '8']);
    case 'id':
      return replaceValue(/^(\s+- id: )(\S+)$/gm, [otherId(), otherUseCase(), otherUseCase()]);
    case 'backlog':
      return replaceValue(/^(\s+backlog: \[)([^\]]*)$/gm, [`${otherId()}`, `${otherId()}, ${otherId()}`, '']);
    case 'threatens':
      return replaceValue(/^(\s+threatens: \[)([^\]]*)$/gm, ['confidentiality', 'integrity, availability', '']);
    case 'data':
      return replaceValue(/^(\s+data: \[)([^\]]*)$/gm, ['pii', 'telemetry', 'payment, audit-log', 'secret-sauce']);
  }
}

describe('coverage: the maintained model (workspace.coverage())', () => {
  it('equals a fresh build after each of 600 random edits, file deletions, additions and configuration changes', function () {
    this.timeout(120_000);
    const next = mulberry32(14);
    let today = TODAY;
    const workspace = new Workspace({ today: () => today });
    const texts = new Map<string, string>();
    for (let index = 0; index < FILES; index++) {
      texts.set(uriOf(index), generated(index));
      workspace.set(uriOf(index), generated(index));
    }
    assert.deepStrictEqual(withUris(workspace.coverage()), withUris(coverageModelOf(workspace)));
    let version = 1;
    for (let step = 0; step < 600; step++) {
      const index = Math.floor(next() * FILES);
      const uri = uriOf(index);
      const roll = next();
      let what: string;
      if (roll < 0.04 && workspace.has(uri)) {
        workspace.delete(uri);
        what = `delete ${uri}`;
      } else if (roll < 0.08) {
        workspace.set(uri, texts.get(uri)!, version++);
        what = `restore ${uri}`;
      } else if (roll < 0.1) {
        const strict = next() < 0.5;
        workspace.configure({
          ...DEFAULT_CONFIG,
          dataClasses: strict
            ? [
                {
                  name: 'telemetry',
                  description: 'Measured',
                  personal: false,
                  specialCategory: false,
                  requires: { confidentiality: 'high', integrity: 'high', availability: 'high' },
                },
              ]
            : [],
          gate: strict
            ? {
                ...DEFAULT_CONFIG.gate,
                minCoverage: 0.9,
                securityCapacity: 0.3,
                maxOpenHighRisks: 1,
                maxBaselineGaps: 3,
              }
            : DEFAULT_CONFIG.gate,
          securityCapacityTarget: strict ? 0.3 : 0.2,
          baseline: strict
            ? { ...DEFAULT_CONFIG.baseline, turnedOff: [{ capability: 'consent', reason: 'Under contract.' }] }
            : DEFAULT_CONFIG.baseline,
        });
        what = `configure (strict: ${strict})`;
      } else if (roll < 0.12) {
        today = today === TODAY ? '2031-01-01' : TODAY;
        what = `today is ${today}`;
      } else {
        const text = workspace.file(uri)?.text ?? texts.get(uri)!;
        workspace.set(uri, randomEdit(text, next), version++);
        what = `edit ${uri}`;
      }
      // The server builds ahead between requests, a slice at a time, while changes go on arriving.
      if (next() < 0.3) for (let slices = Math.floor(next() * 3); slices >= 0; slices--) workspace.prepareCoverage(0);
      if (next() < 0.2) continue; // several changes between two requests, as the debounce makes them
      const freshIndex = new CoverageIndex(workspace);
      const fresh = freshIndex.model();
      // The status bar asks first, or alone; the sidebar asks for the model.
      if (next() < 0.5) {
        assert.deepStrictEqual(
          workspace.coverageStatus(),
          { summary: fresh.summary, gate: fresh.gate, baselineGaps: baselineGapNames(fresh.baseline) },
          `step ${step}: ${what} (status)`,
        );
        if (next() < 0.5) continue;
      }
      const model = workspace.coverage();
      assert.deepStrictEqual(withUris(model), withUris(fresh), `step ${step}: ${what}`);
      // The server writes the model from the bytes it kept per node: they must be the model's JSON, node by node.
      assert.strictEqual(
        Buffer.concat(coverageModelJson(model)).toString(),
        JSON.stringify(model),
        `step ${step}: ${what} (JSON)`,
      );
      // The index's answers about the model equal those of a walk of it (the sidebar's rows ask them).
      assert.deepStrictEqual(
        lookupAnswers(workspace.coverageLookup(model), model),
        lookupAnswers(lookupOf(model), model),
        `step ${step}: ${what} (lookup)`,
      );
      // The releases, each judged on its slice (the grouping a model of the same shape inherits, the verdict).
      assert.deepStrictEqual(
        releasesOf(model).map((release) => releaseAnswers(workspace.releaseVerdict(release))),
        releasesOf(fresh).map((release) => releaseAnswers(freshIndex.releaseVerdict(release))),
        `step ${step}: ${what} (releases)`,
      );
    }
  });

  it('returns the same model while nothing changed, and a new one after an edit', () => {
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(uriOf(0), generated(0));
    workspace.set(uriOf(1), generated(1));
    const first = workspace.coverage();
    assert.strictEqual(workspace.coverage(), first);
    workspace.set(uriOf(1), generated(1), 7); // the same text under another version: nothing the model shows changed
    assert.deepStrictEqual(workspace.coverage(), first);
    const text = generated(0).replace(/status: planned/, 'status: implemented');
    workspace.set(uriOf(0), text, 2);
    const second = workspace.coverage();
    assert.notStrictEqual(second, first);
    assert.deepStrictEqual(withUris(second), withUris(coverageModelOf(workspace)));
  });

  it('builds ahead a slice at a time, and answers with the files as they are at the end', () => {
    const workspace = new Workspace({ today: () => TODAY });
    for (let index = 0; index < FILES; index++) workspace.set(uriOf(index), generated(index));
    let slices = 1;
    while (!workspace.prepareCoverage(0)) slices++;
    assert.strictEqual(slices, FILES, 'one file per slice with no time to spare');
    assert.strictEqual(workspace.prepareCoverage(0), true, 'nothing left to build');
    // Two files changed after they were built ahead: both are built again, and the answer reads them as they are.
    workspace.set(uriOf(2), generated(2).replace(/status: planned/g, 'status: implemented'), 5);
    workspace.set(uriOf(4), generated(4).replace(/status: planned/g, 'status: verified'), 5);
    assert.strictEqual(workspace.prepareCoverage(0), false, 'one of the two changed files per slice');
    assert.strictEqual(workspace.prepareCoverage(0), true);
    assert.deepStrictEqual(withUris(workspace.coverage()), withUris(coverageModelOf(workspace)));
  });
});

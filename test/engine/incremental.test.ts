import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { isMap, isPair, isSeq, Node } from 'yaml';
import { Workspace } from '../../server/src/engine';
import { changeBetween } from '../../server/src/engine/incrementalParse';
import type { FileModel } from '../../server/src/engine/model';
import { Completion, completionsAt, documentationOf } from '../../server/src/engine/features/completion';
import { codeLensesOf } from '../../server/src/engine/features/codeLens';
import { foldingRangesOf } from '../../server/src/engine/features/folding';
import { outlineOf } from '../../server/src/engine/features/outline';
import { TODAY } from '../helpers/engine';
import { dedent } from '../helpers/marked';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const URI = 'file:///workspace/edited.usecase.yaml';

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Edits as typing makes them, structural ones included: characters, deletions, new and removed lines, pasted items. */
function randomEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  switch (
    pick([
      'letter',
      'letter',
      'letter',
      'letter',
      'type',
      'type',
      'delete',
      'delete',
      'newline',
      'drop-line',
      'copy-line',
      'paste',
    ] as const)
  ) {
    case 'letter':
      return text.slice(0, at) + pick(['a', 'e', 's', 't']) + text.slice(at);
    case 'type':
      return (
        text.slice(0, at) +
        pick(['a', 'e', 'x', ' ', ':', '-', '#', '[', ']', '"', "'", '&', '*', '!', '{', ',', '1', '\t']) +
        text.slice(at)
      );
    case 'delete':
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
    case 'newline':
      return `${text.slice(0, at)}\n${' '.repeat(Math.floor(next() * 10))}${text.slice(at)}`;
    case 'drop-line':
      return text.slice(0, lineStart) + text.slice(lineEnd);
    case 'copy-line':
      return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 'paste':
      return `${text.slice(0, lineStart)}      - id: AB-pasted-${Math.floor(next() * 1000)}\n        title: Pasted\n        threatens: [integrity]\n${text.slice(lineStart)}`;
  }
}

/** Everything the engine derives from a text, with every node's offsets: the tree, the model and the findings. */
function analysisOf(workspace: Workspace): unknown {
  const file = workspace.file(URI)!;
  const ranges: unknown[] = [];
  const walk = (node: Node | null | undefined): void => {
    if (!node) return;
    ranges.push(node.range);
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          walk(item.key as Node);
          walk(item.value as Node);
        } else walk(item as Node);
      }
    }
  };
  walk(file.tree.root);
  return {
    syntax: file.tree.syntaxProblems,
    json: file.tree.root?.toJSON(),
    ranges,
    objects: file.tree.objects.map((object) => [
      object.shape.name,
      object.node.range,
      [...object.pairs.keys()],
      object.ownerKey?.range,
    ]),
    model: JSON.parse(JSON.stringify(file.model)),
    definitions: file.definitions.map(({ backlogItem, ...definition }) => definition),
    diagnostics: workspace.diagnostics(URI),
    index: indexOf(workspace, file.model),
    facts: [...workspace.factsOf(URI)!].sort(),
    // Kept use cases keep their outline symbols, moved with them, and their lens titles;
    outline: JSON.parse(JSON.stringify(outlineOf(file))) as unknown,
    lenses: JSON.parse(JSON.stringify(codeLensesOf(workspace, URI))) as unknown,
    // And the folds of the top-level items an edit left, moved with them.
    folding: foldingRangesOf(file),
  };
}

/** What the workspace's indexes answer for every id and backlog reference of a model (an edit re-indexes only what it changed). */
function indexOf(workspace: Workspace, model: FileModel): unknown {
  const ids = new Set<string>();
  for (const item of model.backlog) if (item.id) ids.add(item.id.value);
  for (const useCase of model.useCases) {
    if (useCase.id) ids.add(useCase.id.value);
    for (const ref of useCase.backlog) ids.add(ref.value);
    for (const abuseCase of useCase.abuseCases) {
      if (abuseCase.id) ids.add(abuseCase.id.value);
      for (const mitigation of abuseCase.mitigations) for (const ref of mitigation.backlog) ids.add(ref.value);
    }
  }
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  return [...ids].sort().map((id) => ({
    id,
    definitions: plain(workspace.definitionsOf(id).map(({ kind, range }) => ({ kind, range }))),
    builders: plain(workspace.useCasesBuiltBy(id).map(({ useCase }) => [useCase.id?.value, useCase.range])),
    mitigations: plain(
      workspace.mitigationsBuiltBy(id).map(({ abuseCase, mitigation }) => [abuseCase.id?.value, mitigation.range]),
    ),
  }));
}

/** Where the file's line index puts each line's start, and the position of each line's last character. */
function lineStartsOf(workspace: Workspace, text: string): unknown {
  const lines = workspace.file(URI)!.lineIndex;
  const count = text.split(/\r\n|\r|\n/).length;
  return Array.from({ length: count + 1 }, (_, line) => {
    const start = lines.offsetAt({ line, character: 0 });
    return [start, lines.positionAt(Math.max(0, start - 1))];
  });
}

function fresh(text: string): Workspace {
  const workspace = new Workspace({ today: () => TODAY });
  workspace.set(URI, text);
  return workspace;
}

describe('incremental parsing', () => {
  const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.usecase.yaml'));

  for (const [index, name] of examples.entries()) {
    it(`gives exactly what a full parse gives, over 300 random edits of ${name}`, () => {
      const next = random(index + 1);
      let text = readFileSync(path.join(EXAMPLES, name), 'utf8');
      const edited = new Workspace({ today: () => TODAY });
      edited.set(URI, text, 0);
      let incremental = 0;
      for (let version = 1; version <= 300; version++) {
        const before = text;
        text = randomEdit(text, next);
        edited.set(URI, text, version);
        if (edited.file(URI)!.incremental) incremental++;
        assert.deepStrictEqual(
          analysisOf(edited),
          analysisOf(fresh(text)),
          `after edit ${version} of ${name}:\n--- before\n${before}\n--- after\n${text}`,
        );
        // The line index of an edited version is made from the previous one's: it must place every line alike.
        assert.deepStrictEqual(
          lineStartsOf(edited, text),
          lineStartsOf(fresh(text), text),
          `line starts after edit ${version}`,
        );
        // Now and then start again from the example: random edits wreck a file faster than typing does.
        if (edited.file(URI)!.tree.syntaxProblems.length > 0 && next() < 0.5)
          text = readFileSync(path.join(EXAMPLES, name), 'utf8');
      }
      assert.ok(incremental > 60, `only ${incremental} of 300 edits took the incremental path`);
    });
  }

  for (const [index, name] of examples.entries()) {
    it(`completes as with a full parse at 150 random places of ${name}, under random edits`, () => {
      const next = random(100 + index);
      const original = readFileSync(path.join(EXAMPLES, name), 'utf8');
      let text = original;
      const workspace = new Workspace({ today: () => TODAY });
      let compared = 0;
      for (let version = 1; version <= 150; version++) {
        text = randomEdit(text, next);
        workspace.set(URI, text, version);
        const offset = Math.floor(next() * (text.length + 1));
        const answered = completionsAt(workspace, URI, offset);
        const file = workspace.file(URI)!;
        // The same question answered from a whole parse of the text with the placeholder.
        const { cleanBase } = file;
        delete file.cleanBase;
        const expected = completionsAt(workspace, URI, offset);
        file.cleanBase = cleanBase;
        // With a syntax error, the edited item is parsed alone and YAML's error recovery may differ; no crash is all that counts.
        if (file.tree.syntaxProblems.length === 0) {
          compared++;
          // Deferred documentation is compared as what it writes.
          const written = (completions: Completion[]) =>
            completions.map((completion) => ({ ...completion, documentation: documentationOf(completion) }));
          assert.deepStrictEqual(
            written(answered),
            written(expected),
            `at offset ${offset} of:\n${text.slice(0, offset)}|${text.slice(offset)}`,
          );
        }
        if (file.tree.syntaxProblems.length > 0 && next() < 0.5) text = original;
      }
      assert.ok(compared > 50, `only ${compared} comparisons`);
    });
  }

  it('gives exactly what a full parse gives under random edits of a file with CRLF line ends', () => {
    const next = random(42);
    const original = readFileSync(path.join(EXAMPLES, 'billing.usecase.yaml'), 'utf8').replace(/\n/g, '\r\n');
    let text = original;
    const edited = new Workspace({ today: () => TODAY });
    edited.set(URI, text, 0);
    let incremental = 0;
    for (let version = 1; version <= 300; version++) {
      text = randomEdit(text, next).replace(/\r?\n/g, '\r\n');
      edited.set(URI, text, version);
      if (edited.file(URI)!.incremental) incremental++;
      assert.deepStrictEqual(
        analysisOf(edited),
        analysisOf(fresh(text)),
        `after edit ${version}:\n${JSON.stringify(text)}`,
      );
      assert.deepStrictEqual(
        lineStartsOf(edited, text),
        lineStartsOf(fresh(text), text),
        `line starts after edit ${version}`,
      );
      if (edited.file(URI)!.tree.syntaxProblems.length > 0 && next() < 0.5) text = original;
    }
    assert.ok(incremental > 60, `only ${incremental} of 300 edits took the incremental path`);
  });

  it('re-parses from the change the editor describes, however much around the edit it replaces', () => {
    const next = random(77);
    const original = readFileSync(path.join(EXAMPLES, 'sign-in.usecase.yaml'), 'utf8');
    let text = original;
    const edited = new Workspace({ today: () => TODAY });
    edited.set(URI, text, 0);
    let incremental = 0;
    for (let version = 1; version <= 200; version++) {
      const before = text;
      text = randomEdit(text, next);
      // An editor may replace more than what differs (a word, a line): widen the change by up to 40 characters.
      const { start, oldEnd, inserted } = changeBetween(before, text);
      const from = Math.max(0, start - Math.floor(next() * 40));
      const to = Math.min(before.length, oldEnd + Math.floor(next() * 40));
      const change = {
        start: from,
        oldEnd: to,
        inserted: before.slice(from, start) + inserted + before.slice(oldEnd, to),
      };
      edited.edit(URI, text, version, change);
      if (edited.file(URI)!.incremental) incremental++;
      assert.deepStrictEqual(analysisOf(edited), analysisOf(fresh(text)), `after edit ${version}`);
      if (edited.file(URI)!.tree.syntaxProblems.length > 0 && next() < 0.5) text = original;
    }
    assert.ok(incremental > 40, `only ${incremental} of 200 edits took the incremental path`);
  });

  it('moves what follows an edit right when the lists after it were edited in between', () => {
    // The offsets inside an item are gathered once and moved together by later edits above it; an edit that
    // replaces items of a list below must not leave an old gathering behind.
    let text = readFileSync(path.join(EXAMPLES, 'privacy.usecase.yaml'), 'utf8');
    assert.ok(text.indexOf('backlog:') < text.indexOf('use_cases:'), 'a backlog list above the use cases');
    const edited = new Workspace({ today: () => TODAY });
    edited.set(URI, text, 0);
    const retitle = (pattern: RegExp, version: number) => {
      text = text.replace(pattern, (title) => `${title}x`);
      edited.set(URI, text, version);
      assert.ok(edited.file(URI)!.incremental, `edit ${version} took the incremental path`);
      assert.deepStrictEqual(analysisOf(edited), analysisOf(fresh(text)), `after edit ${version}`);
    };
    for (let round = 0; round < 3; round++) {
      retitle(/^ {4}title: [^\n]*/m, 3 * round + 1); // the first backlog item: moves all the use cases
      retitle(/^ {8}title: [^\n]*/m, 3 * round + 2); // an abuse case: its use case is replaced
      retitle(/^ {4}title: [^\n]*/m, 3 * round + 3);
    }
  });

  it('re-parses only the edited item of a typed key, and the whole file when the edit changes the structure', () => {
    const text = dedent(`
      use_cases:
        - id: UC-a
          title: A
          actor: Customer
        - id: UC-b
          title: B
          actor: Customer
    `);
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(URI, text, 1);
    workspace.set(URI, text.replace('title: B', 'title: Bee'), 2);
    assert.strictEqual(workspace.file(URI)!.incremental, true, 'a changed value');
    workspace.set(URI, text.replace('title: Bee', 'title: Bee').replace('  - id: UC-b', '- id: UC-b'), 3);
    assert.strictEqual(workspace.file(URI)!.incremental, false, 'a list item moved out of its list');
    workspace.set(URI, text.replace('use_cases:', 'use_case:'), 4);
    assert.strictEqual(workspace.file(URI)!.incremental, false, 'a top-level key');
  });
});

/**
 * Every completion, accepted as VS Code accepts it (including its indentation adjustment), over a
 * grid of places a person triggers it in the sample workspace: a new line after each line (with the
 * indentation VS Code's Enter gives it), the same with `- ` typed, the end of a file, a CRLF file and
 * a file indented by four. The result must read back as the intended entry, with no new structural finding.
 */
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { CompletionItem } from 'vscode-languageserver';
import { LineIndex, Workspace } from '../../server/src/engine';
import { Completion, completionsAt } from '../../server/src/engine/features/completion';
import { locate } from '../../server/src/engine/features/locate';
import { buildModel } from '../../server/src/engine/model';
import { rootShapeOf } from '../../server/src/engine/config';
import { parseYamlTree } from '../../server/src/engine/yamlTree';
import { toCompletionItem } from '../../server/src/lsp/features/completion';
import { TODAY } from '../helpers/engine';
import { countByCode, STRUCTURAL_CODES } from '../helpers/features';
import { acceptAsVSCode, afterEnter } from '../helpers/vscodeInsert';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const uriOf = (name: string) => `file:///workspace/${name}`;
const FILES = readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'));

/** A workspace holding the samples, with `name` replaced by `text`. */
function samples(overrides: Record<string, string> = {}): Workspace {
  const workspace = new Workspace({ today: () => TODAY });
  for (const name of FILES)
    workspace.set(uriOf(name), overrides[name] ?? readFileSync(path.join(EXAMPLES, name), 'utf8'));
  return workspace;
}

interface Place {
  name: string;
  text: string;
  offset: number;
  /** How the place was reached, for failure messages. */
  how: string;
}

/** A new line after each content line (every `stride`-th), as Enter leaves it, and the same with `- ` typed. */
function placesIn(name: string, text: string, stride = 1): Place[] {
  const lines = text.split('\n');
  const step = /\n {4}\S/.test(text) && !/\n {2}\S/.test(text) ? 4 : 2;
  const places: Place[] = [];
  lines.forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#') || index % stride !== 0) return;
    const typed = afterEnter(line, step);
    for (const newLine of new Set([typed, typed.endsWith('- ') ? typed : `${typed}- `])) {
      const eol = line.endsWith('\r') ? '\r\n' : '\n';
      const before = lines.slice(0, index + 1).join('\n');
      const after = lines.slice(index + 1).join('\n');
      const withLine = `${before}\n${newLine}${eol === '\r\n' ? '\r' : ''}${index + 1 < lines.length ? '\n' : ''}${after}`;
      places.push({
        name,
        text: withLine,
        offset: before.length + 1 + newLine.length,
        how: `after line ${index + 1} ${JSON.stringify(line.trim())}, typed ${JSON.stringify(newLine)}`,
      });
    }
  });
  return places;
}

/** The completions worth accepting at a place: every key, the three best abuse cases, the first five values. */
function worthAccepting(completions: Completion[]): Completion[] {
  const byRank = (kind: Completion['kind'], n: number) =>
    completions
      .filter((completion) => completion.kind === kind)
      .sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1))
      .slice(0, n);
  return [
    ...byRank('property', 50),
    ...byRank('template', 3),
    ...byRank('snippet', 10),
    ...byRank('value', 5),
    ...byRank('reference', 5),
  ];
}

/** Checks one accepted completion; returns what is wrong, or undefined. */
function checkAccepted(
  place: Place,
  completion: Completion,
  item: CompletionItem,
  baseline: Map<string, number>,
): string | undefined {
  const uri = uriOf(place.name);
  const { text, start, inserted } = acceptAsVSCode(place.text, item);
  const workspace = samples({ [place.name]: text });
  const found = countByCode(workspace.diagnostics(uri));
  // A key completed with an empty value (`title: `) leaves a field to fill in: only structure must hold.
  const watched = completion.kind === 'property' ? ['syntax', 'unknown-key', 'duplicate-id'] : STRUCTURAL_CODES;
  const added = watched.filter((code) => (found.get(code) ?? 0) > (baseline.get(code) ?? 0));
  if (added.length) return `new ${added.join(', ')} finding after inserting ${JSON.stringify(inserted)}`;
  const tree = parseYamlTree(text, rootShapeOf(uri));
  const at = start + inserted.search(/\S/) + 1;
  switch (completion.kind) {
    case 'property': {
      const location = locate(tree.root, rootShapeOf(uri), at);
      return location?.kind === 'key' && location.key.value === completion.label
        ? undefined
        : `'${completion.label}' is not a key where it was inserted: ${JSON.stringify(inserted)}`;
    }
    case 'template': {
      const id = inserted.match(/\bid: (\S+)/)![1];
      const useCase = buildModel(tree).useCases.find(
        (candidate) => candidate.range.start <= start && start <= candidate.range.end,
      );
      const abuseCase = useCase?.abuseCases.find((candidate) => candidate.id?.value === id);
      return abuseCase?.template && abuseCase.title
        ? undefined
        : `no abuse case '${id}' with a title and a template in the use case at the cursor: ${JSON.stringify(inserted)}`;
    }
    case 'value':
    case 'reference': {
      const location = locate(tree.root, rootShapeOf(uri), at);
      return location && location.kind !== 'key' && String(location.node.value) === completion.label
        ? undefined
        : `'${completion.label}' is not the value at the cursor: ${JSON.stringify(inserted)}`;
    }
    default:
      return undefined;
  }
}

function checkPlaces(places: Place[]): { accepted: number; problems: string[] } {
  const baselines = new Map<string, Map<string, number>>();
  let accepted = 0;
  const problems: string[] = [];
  for (const place of places) {
    const uri = uriOf(place.name);
    const original =
      place.text.slice(0, place.offset).replace(/\n[^\n]*$/, '') +
      place.text.slice(place.offset).replace(/^[^\n]*/, '');
    const baseline = baselines.get(original) ?? countByCode(samples({ [place.name]: original }).diagnostics(uri));
    baselines.set(original, baseline);
    const workspace = samples({ [place.name]: place.text });
    const lines = new LineIndex(place.text);
    for (const completion of worthAccepting(completionsAt(workspace, uri, place.offset))) {
      accepted++;
      const problem = checkAccepted(place, completion, toCompletionItem(completion, lines), baseline);
      if (problem) problems.push(`${place.name} ${place.how}: ${completion.kind} '${completion.label}': ${problem}`);
    }
  }
  return { accepted, problems };
}

function expectNoProblems({ accepted, problems }: { accepted: number; problems: string[] }, atLeast: number): void {
  assert.deepStrictEqual(
    problems.slice(0, 10),
    [],
    `${problems.length} of ${accepted} accepted completions went wrong`,
  );
  assert.ok(accepted >= atLeast, `only ${accepted} completions accepted`);
}

describe('completions accepted as VS Code accepts them', function () {
  this.timeout(120_000);

  it('write the intended entry at every new line of the sharing and billing samples, with and without a typed "- "', () => {
    const places = ['sharing.usecase.yaml', 'billing.usecase.yaml'].flatMap((name) =>
      placesIn(name, readFileSync(path.join(EXAMPLES, name), 'utf8')),
    );
    expectNoProblems(checkPlaces(places), 300);
  });

  it('write the intended entry in the other samples (every third line)', () => {
    const places = FILES.filter((name) => !['sharing.usecase.yaml', 'billing.usecase.yaml'].includes(name)).flatMap(
      (name) => placesIn(name, readFileSync(path.join(EXAMPLES, name), 'utf8'), 3),
    );
    expectNoProblems(checkPlaces(places), 350);
  });

  it('keep CRLF line ends in a CRLF file', () => {
    const name = 'billing.usecase.yaml';
    const text = readFileSync(path.join(EXAMPLES, name), 'utf8').replace(/\n/g, '\r\n');
    const places = placesIn(name, text, 2);
    expectNoProblems(checkPlaces(places), 100);
    for (const place of places.slice(0, 40)) {
      const workspace = samples({ [name]: place.text });
      for (const completion of completionsAt(workspace, uriOf(name), place.offset)) {
        assert.ok(!/[^\r]\n/.test(completion.insertText), `a bare LF in ${JSON.stringify(completion.insertText)}`);
      }
    }
  });

  it('indent nested blocks by four in a file indented by four', () => {
    const name = 'sharing.usecase.yaml';
    const text = parseDocument(readFileSync(path.join(EXAMPLES, name), 'utf8')).toString({ indent: 4, lineWidth: 0 });
    assert.match(text, /\n {4}- id: UC-/, 'the four-space sample is indented by four');
    const places = placesIn(name, text);
    expectNoProblems(checkPlaces(places), 80);
    const inAbuseCases = places.find((place) => /abuse_cases:\n {10}- $/.test(place.text.slice(0, place.offset)));
    assert.ok(inAbuseCases, 'a place after "- " in abuse_cases');
    const best = completionsAt(samples({ [name]: inAbuseCases.text }), uriOf(name), inAbuseCases.offset).find(
      (completion) => completion.kind === 'template',
    )!;
    assert.match(best.insertText, /\n {12}mitigations:\n {16}- title: /, 'mitigations four columns under their key');
  });

  it('start a block list on the next line when the cursor is still on the key line', () => {
    const name = 'sharing.usecase.yaml';
    const original = readFileSync(path.join(EXAMPLES, name), 'utf8');
    const text = original.replace(
      /(\n {4}abuse_cases:)\n/,
      '$1 \n      - id: AB-placeholder-kept\n        title: Kept\n        threatens: [integrity]\n',
    );
    const offset = text.indexOf('abuse_cases: ') + 'abuse_cases: '.length;
    expectNoProblems(checkPlaces([{ name, text, offset, how: 'after "abuse_cases: "' }]), 1);
  });

  it('offer nothing written in block style inside a flow list', () => {
    const name = 'sharing.usecase.yaml';
    const text = readFileSync(path.join(EXAMPLES, name), 'utf8').replace(
      /\n {4}abuse_cases:\n/,
      '\n    abuse_cases: []\n    notes_abuse_cases_moved:\n',
    );
    const offset = text.indexOf('abuse_cases: [') + 'abuse_cases: ['.length;
    const completions = completionsAt(samples({ [name]: text }), uriOf(name), offset);
    assert.deepStrictEqual(
      completions.filter((completion) => completion.insertText.includes('\n')).map((completion) => completion.label),
      [],
    );
  });

  it('complete at the very end of a file without a final line break', () => {
    const name = 'sharing.usecase.yaml';
    const text = `${readFileSync(path.join(EXAMPLES, name), 'utf8').trimEnd()}\n      - `;
    expectNoProblems(checkPlaces([{ name, text, offset: text.length, how: 'at the end of the file' }]), 3);
  });
});

import * as assert from 'assert';
import { LineIndex } from '../../server/src/engine';
import { Completion, completionsAt } from '../../server/src/engine/features/completion';
import { toCompletionItem } from '../../server/src/lsp/features/completion';
import { MAIN_URI } from '../helpers/engine';
import {
  atCursor,
  BACKLOG_URI,
  countByCode,
  STRUCTURAL_CODES,
  TEAM_CATALOG_URI,
  workspaceWith,
} from '../helpers/features';
import { acceptAsVSCode } from '../helpers/vscodeInsert';

const snippetsOf = (completions: Completion[]) => completions.filter((completion) => completion.kind === 'snippet');
const sorted = (completions: Completion[]) =>
  [...completions].sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1));

/** Accepts `completion` as VS Code does, every default taken; returns the text and its findings by code. */
function accept(document: { text: string; uri: string }, completion: Completion, others: Record<string, string> = {}) {
  const { text } = acceptAsVSCode(document.text, toCompletionItem(completion, new LineIndex(document.text)));
  return { text, findings: countByCode(workspaceWith(text, others, document.uri).diagnostics(document.uri)) };
}

const ABUSE_CASES = `
  use_cases:
    - id: UC-1
      title: Sign in
      actor: Customer
      abuse_cases:
        - id: AB-1
          title: Credential stuffing
          threatens: [confidentiality]
          |
`;

/** Where each snippet may go, and the snippets offered there. */
const PLACES: { where: string; source: string; uri?: string; expected: string[] }[] = [
  { where: 'an empty use-case file', source: '|', expected: ['New use-case file'] },
  { where: 'an empty catalog file', source: '|', uri: TEAM_CATALOG_URI, expected: [] },
  {
    where: "a new item of backlog: after '- '",
    source: 'backlog:\n  - id: RM-1\n    title: Sign in\n  - |\n',
    expected: ['Backlog item'],
  },
  { where: "a new item of use_cases: after '- '", source: 'use_cases:\n  - |\n', expected: ['Use case'] },
  {
    where: "a new item of abuse_cases: after '- '",
    source: ABUSE_CASES.replace('          |', '        - |'),
    expected: ['Abuse case (malicious)', 'Abuse case (unwitting)'],
  },
  {
    where: 'the next line under abuse_cases:',
    source: ABUSE_CASES.replace(/ {8}- id: AB-1\n.*\n.*\n {10}\|\n/s, '        |\n'),
    expected: ['Abuse case (malicious)', 'Abuse case (unwitting)'],
  },
  {
    where: "a new item of mitigations: after '- '",
    source: ABUSE_CASES.replace(
      '          |',
      '          mitigations:\n            - title: Rate-limit sign-in\n              backlog: [RM-1]\n            - |',
    ),
    expected: ['Mitigation'],
  },
  { where: 'a new key of an abuse case', source: ABUSE_CASES, expected: ['Risk acceptance'] },
  { where: 'a new key of a use case', source: 'use_cases:\n  - id: UC-1\n    title: Sign in\n    |\n', expected: [] },
  {
    where: 'a value',
    source: 'use_cases:\n  - id: UC-1\n    title: Sign in\n    actor: Customer\n    data: [|]\n',
    expected: [],
  },
];

describe('snippets', () => {
  for (const { where, source, uri, expected } of PLACES) {
    it(`${where}: offers ${expected.length ? expected.join(', ') : 'none'}, each well-formed once accepted`, () => {
      const document = atCursor(
        source,
        { [BACKLOG_URI]: 'backlog:\n  - id: RM-9\n    title: Sign in\n' },
        uri ?? MAIN_URI,
      );
      const snippets = snippetsOf(completionsAt(document.workspace, document.uri, document.offset));
      assert.deepStrictEqual(
        snippets.map((snippet) => snippet.label),
        expected,
      );
      for (const snippet of snippets) {
        const { text, findings } = accept(document, snippet, {
          [BACKLOG_URI]: 'backlog:\n  - id: RM-9\n    title: Sign in\n',
        });
        assert.deepStrictEqual(
          STRUCTURAL_CODES.filter((code) => findings.has(code)),
          [],
          text,
        );
      }
    });
  }

  it('puts the whole-file snippet first in an empty file, preselected, and its cross-references resolve', () => {
    const document = atCursor('|', {
      [BACKLOG_URI]: 'backlog:\n  - id: RM-41\n    title: Sign in\n  - id: RM-42\n    title: Pay\n',
    });
    const [first] = sorted(completionsAt(document.workspace, document.uri, document.offset));
    assert.strictEqual(first.label, 'New use-case file');
    assert.strictEqual(first.preselect, true);
    const stops = new Set(first.insertText.match(/\$\{?(\d+)/g)!.map((stop) => stop.replace(/\D/g, '')));
    assert.ok(stops.size <= 11, `${stops.size} tab stops`);
    const { text, findings } = accept(document, first, {
      [BACKLOG_URI]: 'backlog:\n  - id: RM-41\n    title: Sign in\n  - id: RM-42\n    title: Pay\n',
    });
    // The backlog ids follow the workspace's own (RM-43, RM-44); the mitigation names the security item the snippet wrote.
    assert.match(
      text,
      /backlog:\n {2}- id: RM-43\n {4}title: What the item delivers\n {2}- id: RM-44\n {4}title: How the product prevents, detects or limits it\n {4}security: true\n/,
    );
    assert.match(text, /\n {4}backlog: \[RM-43\]\n/);
    assert.match(text, /\n {12}backlog: \[RM-44\]\n {12}status: planned\n/);
    for (const code of [...STRUCTURAL_CODES, 'unknown-backlog-item', 'unplanned-mitigation'])
      assert.ok(!findings.has(code), `${code} in:\n${text}`);
  });

  it('dates a risk acceptance three months from today', () => {
    const document = atCursor(ABUSE_CASES);
    const [acceptance] = snippetsOf(completionsAt(document.workspace, document.uri, document.offset));
    assert.match(
      accept(document, acceptance).text,
      /\n {8}accepted:\n {10}by: Name \(role\)\n {10}reason: Why the risk is accepted for now\n {10}until: 2027-02-24\n/,
    );
  });
});

import * as assert from 'assert';
import { CONFIG_FILE_NAME, projectConfigOf, Workspace } from '../../../server/src/engine';
import { semanticTokensOf, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../../server/src/engine/features/semanticTokens';
import { MAIN_URI } from '../../helpers/engine';
import { BACKLOG_FILE, BACKLOG_URI, TEAM_CATALOG_URI, workspaceWith } from '../../helpers/features';
import { dedent } from '../../helpers/marked';

const CONFIG_URI = `file:///workspace/${CONFIG_FILE_NAME}`;

const OTHERS = { [BACKLOG_URI]: BACKLOG_FILE };

/** The tokens of `uri` as [text, type, ...modifiers], so that a test reads like the document. */
function decoded(workspace: Workspace, uri: string, text: string, range?: { start: number; end: number }): string[][] {
  return semanticTokensOf(workspace, uri, range).map(({ start, end, type, modifiers }) => [
    text.slice(start, end),
    TOKEN_TYPES[type],
    ...TOKEN_MODIFIERS.filter((_, bit) => modifiers & (1 << bit)),
  ]);
}

function tokensOf(source: string, others: Record<string, string> = OTHERS, uri = MAIN_URI): string[][] {
  const text = dedent(source);
  return decoded(workspaceWith(text, others, uri), uri, text);
}

describe('semantic tokens', () => {
  it('colours ids where they are defined and references resolved or not, CIA dimensions and levels', () => {
    assert.deepStrictEqual(
      tokensOf(`
        use_cases:
          - id: UC-1
            title: Export a roadmap
            actor: Member
            backlog: [RM-7, RM-99]
            data: [customer-content, loyalty-points]
            vendors: [mailer, printer]
            cia:
              integrity: high
            abuse_cases:
              - id: AC-1
                title: Leak
                template: credential-stuffing
                threatens: [confidentiality, availability]
                likelihood: likely
                impact: major
              - id: AC-2
                title: Unknown
                template: no-such-template
                threatens: [integrity]
                mitigations:
                  - title: Back up
                    answers: [backups, teleportation]
      `),
      [
        ['UC-1', 'variable', 'declaration'],
        ['RM-7', 'variable'],
        ['RM-99', 'variable', 'unresolved'],
        ['customer-content', 'type'],
        ['loyalty-points', 'type', 'unresolved'],
        ['mailer', 'variable'],
        ['printer', 'variable', 'unresolved'],
        ['integrity', 'ciaDimension'],
        ['high', 'level'],
        ['AC-1', 'variable', 'declaration'],
        ['credential-stuffing', 'template'],
        ['confidentiality', 'ciaDimension'],
        ['availability', 'ciaDimension'],
        ['likely', 'level'],
        ['major', 'level'],
        ['AC-2', 'variable', 'declaration'],
        ['no-such-template', 'template', 'unresolved'],
        ['integrity', 'ciaDimension'],
        ['backups', 'capability'],
        ['teleportation', 'capability', 'unresolved'],
      ],
    );
  });

  it("colours a backlog item's parent, release and the feedback its source names, but not a source that is a ticket", () => {
    assert.deepStrictEqual(
      tokensOf(`
        backlog:
          - id: RM-8
            title: Next
            parent: RM-7
            release: "2027.2"
            source:
              kind: feedback
              ref: FB-12
          - id: RM-9
            title: Later
            source:
              kind: feedback
              ref: FB-21
          - id: RM-10
            title: Asked in a ticket
            source:
              kind: feedback
              ref: https://tracker.example/T-1
          - id: RM-11
            title: Research
            source:
              kind: research
              ref: Interviews of May
      `),
      [
        ['RM-8', 'variable', 'declaration'],
        ['RM-7', 'variable'],
        ['"2027.2"', 'release'],
        ['FB-12', 'variable'],
        ['RM-9', 'variable', 'declaration'],
        ['FB-21', 'variable', 'unresolved'],
        ['RM-10', 'variable', 'declaration'],
        ['RM-11', 'variable', 'declaration'],
      ],
    );
    // Without any `feedback:` in the workspace, a feedback ref is another tracker's ticket: free text.
    assert.deepStrictEqual(
      tokensOf('backlog:\n  - id: RM-9\n    title: Later\n    source:\n      kind: feedback\n      ref: FB-21\n', {}),
      [['RM-9', 'variable', 'declaration']],
    );
  });

  it('colours ids of a team catalog as templates, and the data classes and capability a template names', () => {
    assert.deepStrictEqual(
      tokensOf(
        `
        templates:
          - id: roadmap-leak
            title: A roadmap leaks
            description: A member shares it.
            intent: unwitting
            actor: Member
            threatens: [confidentiality]
            stride: information-disclosure
            family: backups
            data: [customer-content]
            likelihood: possible
            mitigations:
              - title: Expire links
      `,
        {},
        TEAM_CATALOG_URI,
      ),
      [
        ['roadmap-leak', 'template', 'declaration'],
        ['confidentiality', 'ciaDimension'],
        ['backups', 'capability'],
        ['customer-content', 'type'],
        ['possible', 'level'],
      ],
    );
  });

  it("colours the configuration's data classes and capabilities where they are defined, and its current release", () => {
    const text = dedent(`
      data-classes:
        - name: loyalty-points
          confidentiality: low
          integrity: high
          availability: low
      baseline:
        capabilities:
          - id: access-review
            question: are the people with access reviewed every quarter?
      current-release: "2027.1"
    `);
    const workspace = workspaceWith(text, OTHERS, CONFIG_URI);
    workspace.configure(projectConfigOf(workspace.file(CONFIG_URI)!.tree));
    assert.deepStrictEqual(decoded(workspace, CONFIG_URI, text), [
      ['loyalty-points', 'type', 'declaration'],
      ['confidentiality', 'ciaDimension'],
      ['low', 'level'],
      ['integrity', 'ciaDimension'],
      ['high', 'level'],
      ['availability', 'ciaDimension'],
      ['low', 'level'],
      ['access-review', 'capability', 'declaration'],
      ['"2027.1"', 'release'],
    ]);
    // The class the configuration defines resolves in a use case.
    const useCase = 'use_cases:\n  - id: UC-1\n    title: Earn points\n    actor: Member\n    data: [loyalty-points]\n';
    workspace.set(MAIN_URI, useCase);
    assert.deepStrictEqual(decoded(workspace, MAIN_URI, useCase), [
      ['UC-1', 'variable', 'declaration'],
      ['loyalty-points', 'type'],
    ]);
    const unknownRelease = 'current-release: "2031.4"\n';
    workspace.set(CONFIG_URI, unknownRelease);
    assert.deepStrictEqual(decoded(workspace, CONFIG_URI, unknownRelease), [['"2031.4"', 'release', 'unresolved']]);
  });

  it('follows the workspace: a reference resolves once another file defines it', () => {
    const text = 'use_cases:\n  - id: UC-1\n    title: Export\n    actor: Member\n    backlog: [RM-30]\n';
    const workspace = workspaceWith(text, OTHERS);
    assert.deepStrictEqual(decoded(workspace, MAIN_URI, text)[1], ['RM-30', 'variable', 'unresolved']);
    workspace.set(BACKLOG_URI, 'backlog:\n  - id: RM-30\n    title: Export\n');
    assert.deepStrictEqual(decoded(workspace, MAIN_URI, text)[1], ['RM-30', 'variable']);
  });

  it('gives the tokens of a range only, and an aliased entry once, at its anchor', () => {
    const text = dedent(`
      use_cases:
        - id: UC-1
          title: One
          actor: Member
          abuse_cases:
            - &leak
              id: AC-1
              title: Leak
              threatens: [confidentiality]
        - id: UC-2
          title: Two
          actor: Member
          abuse_cases:
            - *leak
    `);
    const workspace = workspaceWith(text, OTHERS);
    assert.deepStrictEqual(decoded(workspace, MAIN_URI, text), [
      ['UC-1', 'variable', 'declaration'],
      ['AC-1', 'variable', 'declaration'],
      ['confidentiality', 'ciaDimension'],
      ['UC-2', 'variable', 'declaration'],
    ]);
    const secondUseCase = { start: text.indexOf('- id: UC-2'), end: text.length };
    assert.deepStrictEqual(decoded(workspace, MAIN_URI, text, secondUseCase), [['UC-2', 'variable', 'declaration']]);
  });

  it('colours neither a value the format does not expect there, nor free text, nor an unknown level', () => {
    assert.deepStrictEqual(
      tokensOf(
        'use_cases:\n  - id: UC-1\n    title: high integrity\n    actor: RM-7\n    cia:\n      integrity: extreme\n    notes: RM-7\n',
      ),
      [
        ['UC-1', 'variable', 'declaration'],
        ['integrity', 'ciaDimension'],
      ],
    );
  });

  it('gives nothing, and does not throw, for an empty file, a flow map, text that is not YAML or a half-typed list', () => {
    for (const text of [
      '',
      '{use_cases: [{id: UC-1}]}',
      ']]] not: [yaml',
      'use_cases:\n  - id: UC-1\n    backlog: [RM-',
    ])
      assert.doesNotThrow(() => tokensOf(text), JSON.stringify(text));
    assert.deepStrictEqual(tokensOf(''), []);
    assert.deepStrictEqual(tokensOf(']]] not: [yaml'), []);
  });
});

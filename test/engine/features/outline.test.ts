import * as assert from 'assert';
import { OutlineSymbol, outlineOf } from '../../../server/src/engine/features/outline';
import { parseFile } from '../../../server/src/engine';
import { MAIN_URI } from '../../helpers/engine';
import { TEAM_CATALOG_URI, workspaceWith } from '../../helpers/features';
import { dedent, marked } from '../../helpers/marked';

/** The outline as the Outline view shows it: one line a symbol, children indented, the detail after a dash. */
function outline(source: string, uri = MAIN_URI): string[] {
  const file = workspaceWith(dedent(source), {}, uri).file(uri)!;
  const lines: string[] = [];
  const add = (symbols: readonly OutlineSymbol[], depth: number) => {
    for (const symbol of symbols) {
      lines.push(`${'  '.repeat(depth)}${symbol.kind} ${symbol.name}${symbol.detail ? ` — ${symbol.detail}` : ''}`);
      add(symbol.children, depth + 1);
    }
  };
  add(outlineOf(file), 0);
  return lines;
}

describe('outline (document symbols)', () => {
  it('lists backlog items under their epic, use cases → abuse cases → mitigations, vendors and feedback', () => {
    assert.deepStrictEqual(
      outline(`
        feedback:
          - id: FB-1
            summary: Let me share a roadmap
        backlog:
          - id: RM-100
            type: epic
            title: Sharing
          - id: RM-101
            title: Share through a private link
            parent: RM-100
          - id: RM-900
            title: Elsewhere
            parent: RM-7
          - id: RM-140
            title: Links expire
            parent: RM-101
        use_cases:
          - id: UC-share-link
            title: Share a roadmap
            actor: Product manager
            abuse_cases:
              - id: AB-link-forwarded
                title: The link is forwarded
                threatens: [confidentiality]
                mitigations:
                  - title: Links expire
                    backlog: [RM-140, RM-141]
                  - backlog: [RM-142]
        vendors:
          - id: mailer
            name: Mailer Inc.
      `),
      [
        'feedback FB-1 — Let me share a roadmap',
        'epic RM-100 — Sharing',
        '  backlog item RM-101 — Share through a private link',
        '    backlog item RM-140 — Links expire',
        'backlog item RM-900 — Elsewhere',
        'use case UC-share-link — Share a roadmap',
        '  abuse case AB-link-forwarded — The link is forwarded',
        '    mitigation Links expire — RM-140, RM-141',
        '    mitigation (a mitigation without a title) — RM-142',
        'vendor mailer — Mailer Inc.',
      ],
    );
  });

  it('spans each whole entry without the blank lines after it, selects its id, and stretches an epic over its children', () => {
    const { text, ranges } = marked(
      dedent(`
        backlog:
          - ⟦⟦id: ⟦RM-1⟧
            type: epic⟧
          - id: RM-2
            title: Between
          - ⟦id: ⟦RM-3⟧
            parent: RM-1⟧⟧

        use_cases:
          - ⟦id: ⟦"UC-1"⟧
            title: Share   # a comment
            abuse_cases:
              - ⟦id: ⟦AB-1⟧
                title: Forwarded⟧⟧

      `),
    );
    const file = parseFile(MAIN_URI, text);
    const [epic, between, useCase] = outlineOf(file);
    const slice = ({ start, end }: { start: number; end: number }) => text.slice(start, end);
    // In document order of their starts, the inner first where two start together.
    const [epicEntry, epicSpan, epicId, childEntry, childId, useCaseEntry, useCaseId, abuseEntry, abuseId] =
      ranges.map(slice);
    assert.strictEqual(slice(epic.range), epicSpan);
    assert.notStrictEqual(epicSpan, epicEntry);
    assert.strictEqual(slice(epic.selectionRange), epicId);
    assert.strictEqual(slice(epic.children[0].range), childEntry);
    assert.strictEqual(slice(epic.children[0].selectionRange), childId);
    assert.strictEqual(between.name, 'RM-2');
    assert.strictEqual(slice(useCase.range), useCaseEntry);
    assert.strictEqual(slice(useCase.selectionRange), useCaseId);
    assert.strictEqual(useCase.name, 'UC-1');
    assert.strictEqual(slice(useCase.children[0].range), abuseEntry);
    assert.strictEqual(slice(useCase.children[0].selectionRange), abuseId);
  });

  it('names an entry without an id by its title, else says what it is', () => {
    assert.deepStrictEqual(
      outline(`
        use_cases:
          - title: Export a roadmap
            abuse_cases:
              - threatens: [integrity]
          - actor: Member
          - id: "  "
            title: Blank id
      `),
      [
        'use case Export a roadmap',
        '  abuse case (an abuse case without an id)',
        'use case (a use case without an id)',
        'use case Blank id',
      ],
    );
  });

  it('leaves a loop of parents at the top, and lists an aliased abuse case once, where it is written', () => {
    assert.deepStrictEqual(
      outline(`
        backlog:
          - id: RM-1
            title: One
            parent: RM-2
          - id: RM-2
            title: Two
            parent: RM-1
          - id: RM-3
            parent: RM-3
        use_cases:
          - id: UC-1
            abuse_cases:
              - &shared
                id: AB-1
                threatens: [integrity]
          - id: UC-2
            abuse_cases:
              - *shared
      `),
      [
        'backlog item RM-1 — One',
        'backlog item RM-2 — Two',
        'backlog item RM-3',
        'use case UC-1',
        '  abuse case AB-1',
        'use case UC-2',
      ],
    );
  });

  it('selects the start of the entry when its id is an alias of a value written elsewhere', () => {
    const { text, ranges } = marked(
      dedent(`
        product: &name Roadmaps
        use_cases:
          - ⟦id: *name
            title: Share⟧
      `),
    );
    const [useCase] = outlineOf(parseFile(MAIN_URI, text));
    const [entry] = ranges;
    assert.deepStrictEqual(
      [useCase.name, useCase.range, useCase.selectionRange],
      ['Roadmaps', entry, { start: entry.start, end: entry.start }],
    );
  });

  it("lists a team catalog's templates, and the configuration's data classes and team capabilities", () => {
    assert.deepStrictEqual(
      outline(
        `
          templates:
            - id: link-leak
              title: A private link leaks
      `,
        TEAM_CATALOG_URI,
      ),
      ['template link-leak — A private link leaks'],
    );
    assert.deepStrictEqual(
      outline(
        `
          data-classes:
            - name: loyalty-points
              confidentiality: low
              integrity: high
              availability: medium
          baseline:
            capabilities:
              - id: access-review
                name: Access reviews
                question: are the people with access reviewed every quarter?
              - id: key-rotation
                question: are keys rotated?
      `,
        'file:///workspace/abuse-cases.config.yaml',
      ),
      [
        'data class loyalty-points — C low · I high · A medium',
        'capability access-review — Access reviews',
        'capability key-rotation — are keys rotated?',
      ],
    );
  });

  it('gives an empty outline for an empty file, a text that is not YAML or not a mapping, and keeps what a broken file has', () => {
    for (const source of ['', '\n', 'just words', '- a\n- b\n', '{use_cases: [{id: UC-1}]', ': : :\n  - [']) {
      assert.deepStrictEqual(
        outlineOf(parseFile(MAIN_URI, source)).map((symbol) => symbol.name),
        source.startsWith('{') ? ['UC-1'] : [],
        JSON.stringify(source),
      );
    }
    assert.deepStrictEqual(outline('use_cases:\n  - id: UC-1\n    title: Half\n  - id: UC-2\n    title: "unclosed\n'), [
      'use case UC-1 — Half',
      'use case UC-2 — unclosed',
    ]);
    assert.deepStrictEqual(outline('use_cases:\n  - id: UC-1\n    abuse_cases:\n      - id: AB-\n        thr'), [
      'use case UC-1',
      '  abuse case AB-',
    ]);
  });
});

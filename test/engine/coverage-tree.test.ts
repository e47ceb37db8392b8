import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { Workspace } from '../../server/src/engine';
import { legendMarkdown } from '../../server/src/engine/coverageStates';
import {
  BacklogNode,
  COVERAGE_STATES,
  coverageModelOf,
  CoverageModel,
  STATE_LEGEND,
  UseCaseNode,
} from '../../server/src/engine/coverageTree';
import { flattenBacklog, openRisksOfItem, useCasesOf } from '../../server/src/engine/backlogTree';
import { dedent } from '../helpers/marked';

const TODAY = '2026-11-24';

function modelOf(...texts: string[]): CoverageModel {
  const workspace = new Workspace({ today: () => TODAY });
  texts.forEach((text, index) => workspace.set(`file:///w/${index}.usecase.yaml`, text));
  return coverageModelOf(workspace);
}

const useCase = (model: CoverageModel, id: string): UseCaseNode => useCasesOf(model).find((node) => node.id === id)!;
const item = (model: CoverageModel, id: string): BacklogNode =>
  flattenBacklog(model.backlog).find((node) => node.id === id)!;
const states = (cia: UseCaseNode['cia']) => [cia.confidentiality.state, cia.integrity.state, cia.availability.state];

/** An abuse case threatening `threatens`, with the given mitigations or acceptance (YAML lines at its indentation). */
function abuseCase(id: string, threatens: string, ...lines: string[]): string {
  return [
    `      - id: ${id}`,
    `        title: ${id} happens`,
    `        threatens: [${threatens}]`,
    ...lines.map((line) => `        ${line}`),
  ].join('\n');
}

function useCaseText(id: string, data: string, backlog: string, ...abuseCases: string[]): string {
  return [
    `  - id: ${id}`,
    `    title: ${id} works`,
    '    actor: Member',
    `    backlog: [${backlog}]`,
    `    data: [${data}]`,
    ...(abuseCases.length ? ['    abuse_cases:', ...abuseCases] : []),
  ].join('\n');
}

const BACKLOG = dedent(`
  backlog:
    - id: EPIC
      title: The epic
      type: epic
    - id: STORY
      title: The story
      parent: EPIC
    - id: SEC
      title: Security work with a very long title that the sidebar shows in full only in its tooltip
      parent: EPIC
      security: true
    - id: SEC-LATE
      title: A second mitigation of an abuse case already mitigated
      parent: EPIC
`);

describe('coverage tree: the state of each CIA dimension', () => {
  it('says open, not mitigated, for dimensions whose abuse cases are all open', () => {
    // pii: confidentiality high, integrity medium, availability low.
    const model = modelOf(
      BACKLOG,
      `use_cases:\n${useCaseText('UC-open', 'pii', 'STORY', abuseCase('AB-1', 'confidentiality, integrity', 'mitigations:', '  - title: Planned fix', '    status: planned'))}\n`,
    );
    assert.deepStrictEqual(states(useCase(model, 'UC-open').cia), ['open', 'open', 'not-required']);
    assert.strictEqual(useCase(model, 'UC-open').state, 'open');
    assert.deepStrictEqual(useCase(model, 'UC-open').cia.confidentiality.abuseCases, ['AB-1']);
    // Covered all the same: the requirement counts as thought of.
    assert.strictEqual(useCase(model, 'UC-open').cia.confidentiality.mark, 'covered');
  });

  it('tells not thought of, open, accepted, mitigated, verified and not required apart', () => {
    // credentials: high, high, medium; telemetry: low, low, low.
    const model = modelOf(
      BACKLOG,
      'use_cases:\n' +
        [
          useCaseText(
            'UC-all',
            'credentials',
            'STORY',
            abuseCase('AB-verified', 'confidentiality', 'mitigations:', '  - title: Checked', '    status: verified'),
            abuseCase(
              'AB-accepted',
              'availability',
              'accepted:',
              '  by: Head of Product',
              '  reason: Rare',
              '  until: 2027-01-31',
            ),
          ),
          useCaseText(
            'UC-gap',
            'telemetry',
            'STORY',
            abuseCase('AB-implemented', 'integrity', 'mitigations:', '  - title: Built', '    status: implemented'),
          ),
        ].join('\n') +
        '\n',
    );
    assert.deepStrictEqual(states(useCase(model, 'UC-all').cia), ['verified', 'uncovered', 'accepted']);
    assert.strictEqual(useCase(model, 'UC-all').state, 'uncovered', 'a gap is the worst state');
    // A dimension the data does not require, but which an abuse case threatens, shows how far that abuse case has come.
    assert.deepStrictEqual(states(useCase(model, 'UC-gap').cia), ['not-required', 'mitigated', 'not-required']);
    assert.strictEqual(useCase(model, 'UC-gap').cia.integrity.mark, 'not-required');
    assert.strictEqual(useCase(model, 'UC-gap').state, 'mitigated');
  });

  it('opens an accepted dimension again once the acceptance has expired', () => {
    const model = modelOf(
      BACKLOG,
      `use_cases:\n${useCaseText('UC-expired', 'pii', 'STORY', abuseCase('AB-old', 'confidentiality', 'accepted:', '  by: Head of Product', '  reason: Rare', '  until: 2026-01-31'))}\n`,
    );
    assert.strictEqual(useCase(model, 'UC-expired').cia.confidentiality.state, 'open');
  });
});

describe('coverage tree: a parent takes the worst state below it, and only that', () => {
  const mitigatedBelow = () =>
    modelOf(
      BACKLOG,
      `use_cases:\n${useCaseText(
        'UC-done',
        'pii',
        'STORY',
        abuseCase(
          'AB-read',
          'confidentiality',
          'mitigations:',
          '  - title: Built by the security story',
          '    backlog: [SEC]',
          '    status: implemented',
          '  - title: A later hardening',
          '    backlog: [SEC-LATE]',
          '    status: planned',
        ),
        abuseCase(
          'AB-change',
          'integrity',
          'mitigations:',
          '  - title: Verified by the security story',
          '    backlog: [SEC]',
          '    status: verified',
        ),
      )}\n`,
    );

  it('shows an epic whose abuse cases are all mitigated as mitigated, though a mitigation below is only planned', () => {
    const model = mitigatedBelow();
    assert.strictEqual(item(model, 'STORY').state, 'mitigated');
    assert.strictEqual(item(model, 'SEC-LATE').state, 'mitigated', 'the abuse case it answers is mitigated already');
    assert.strictEqual(item(model, 'EPIC').state, 'mitigated');
    assert.deepStrictEqual(states(item(model, 'EPIC').cia), ['mitigated', 'verified', 'not-required']);
  });

  it('shows on a security story the abuse cases and dimensions its mitigations answer', () => {
    const model = mitigatedBelow();
    const story = item(model, 'SEC');
    assert.deepStrictEqual(states(story.cia), ['mitigated', 'verified', 'not-required']);
    assert.deepStrictEqual(story.cia.confidentiality.abuseCases, ['AB-read']);
    assert.strictEqual(story.cia.confidentiality.level, 'high', "the level of the use case's requirement");
    assert.deepStrictEqual(
      story.mitigations.map((m) => [m.abuseCase, m.threatens, m.abuseCaseState]),
      [
        ['AB-read', ['confidentiality'], 'mitigated'],
        ['AB-change', ['integrity'], 'verified'],
      ],
    );
  });

  it('passes an open abuse case and a gap up to the epic, and lists the open risks a security story answers', () => {
    const model = modelOf(
      BACKLOG,
      `use_cases:\n${useCaseText('UC-risky', 'credentials', 'STORY', abuseCase('AB-open', 'confidentiality', 'mitigations:', '  - title: Planned by the security story', '    backlog: [SEC]', '    status: planned'))}\n`,
    );
    assert.strictEqual(item(model, 'SEC').state, 'open');
    assert.deepStrictEqual(openRisksOfItem(item(model, 'SEC')), [{ id: 'AB-open', useCase: 'UC-risky' }]);
    assert.deepStrictEqual(states(item(model, 'STORY').cia), ['open', 'uncovered', 'uncovered']);
    assert.strictEqual(item(model, 'EPIC').state, 'uncovered');
  });

  it('gives an item that builds nothing the best state, not a warning', () => {
    const model = modelOf(BACKLOG);
    assert.strictEqual(item(model, 'EPIC').state, 'not-required');
    assert.deepStrictEqual(states(item(model, 'EPIC').cia), ['not-required', 'not-required', 'not-required']);
  });
});

describe('the legend of the states', () => {
  it('has a distinct short mark and word for each of the six states', () => {
    const marks = COVERAGE_STATES.map((state) => STATE_LEGEND[state].mark);
    const words = COVERAGE_STATES.map((state) => STATE_LEGEND[state].word);
    assert.strictEqual(new Set(marks).size, 6);
    assert.strictEqual(new Set(words).size, 6);
    assert.ok(
      marks.every((mark) => mark.length <= 2),
      marks.join(' '),
    );
  });

  for (const doc of ['README.md', 'docs/authoring.md', 'docs/walkthrough/sidebar.md']) {
    it(`is in ${doc}, as the engine defines it`, () => {
      const text = readFileSync(path.resolve(__dirname, '../../..', doc), 'utf8');
      const table = legendMarkdown();
      // The README indents it under a list item.
      assert.ok(
        text.includes(table) ||
          text.includes(
            table
              .split('\n')
              .map((line) => `  ${line}`)
              .join('\n'),
          ),
        `${doc} lacks the legend:\n${table}`,
      );
    });
  }
});

import * as assert from 'assert';
import { Workspace } from '../../server/src/engine';
import { parseYamlTree } from '../../server/src/engine/yamlTree';
import { analyse, expectFindings, MAIN_URI, TODAY } from '../helpers/engine';
import { dedent, marked } from '../helpers/marked';
import type { BacklogNode, CoverageModel, UseCaseNode } from '../../shared/coverageModel';

const BACKLOG = dedent(`
  backlog:
    - id: RM-1
      title: Nightly backups
      status: done
    - id: RM-2
      title: Restore drill
`);

/** Two abuse cases, the second reusing the first one's mitigation through an alias. */
const ALIASED_MITIGATION = `
  use_cases:
    - id: UC-records
      title: Keep patient records
      actor: Clinician
      data: [health]
      lawful_basis: legal-obligation
      retention: as-required-by-law
      special_category_condition: health-care
      backlog: [RM-1]
      abuse_cases:
        - id: AB-ransom
          title: Ransomware encrypts the records
          threatens: [confidentiality, integrity, availability]
          likelihood: possible
          impact: severe
          mitigations:
            - &backups
              title: Restorable nightly backups
              backlog: [RM-1]
              status: implemented
        - id: AB-wipe
          title: A careless admin deletes the records
          intent: unwitting
          threatens: [availability]
          likelihood: possible
          impact: severe
          mitigations:
            - *backups
`;

function workspaceWith(text: string): Workspace {
  const workspace = new Workspace({ today: () => TODAY });
  workspace.set('file:///workspace/backlog.usecase.yaml', BACKLOG);
  workspace.set(MAIN_URI, dedent(text));
  return workspace;
}

/** Every use case node of a coverage model, planned or not. */
function useCasesOf(coverage: CoverageModel): UseCaseNode[] {
  const walk = (nodes: BacklogNode[]): UseCaseNode[] =>
    nodes.flatMap((node) => [...node.useCases, ...walk(node.children)]);
  return [...walk(coverage.backlog), ...coverage.unplanned];
}

const codes = (text: string) => analyse(dedent(text), { 'file:///workspace/backlog.usecase.yaml': BACKLOG });

describe('YAML as YAML defines it: aliases, merge keys, tags, line ends', () => {
  it('an aliased mitigation closes every abuse case that names it, in the findings, the coverage and the gate', () => {
    assert.deepStrictEqual(
      codes(ALIASED_MITIGATION).map((finding) => `${finding.code}: ${finding.message}`),
      [],
    );
    const coverage = workspaceWith(ALIASED_MITIGATION).coverage();
    const abuseCases = useCasesOf(coverage).flatMap((useCase) => useCase.abuseCases);
    assert.deepStrictEqual(
      abuseCases.map((abuseCase) => [abuseCase.id, abuseCase.mitigations.map((m) => m.title)]),
      [
        ['AB-ransom', ['Restorable nightly backups']],
        ['AB-wipe', ['Restorable nightly backups']],
      ],
    );
    assert.deepStrictEqual([coverage.summary.openHighRisks, coverage.gate.passed], [0, true]);
    // The backlog item builds the one mitigation for both abuse cases.
    const item = coverage.backlog.find((node) => node.id === 'RM-1')!;
    assert.deepStrictEqual(
      item.mitigations.map((mitigation) => mitigation.abuseCase),
      ['AB-ransom', 'AB-wipe'],
    );
  });

  it('a whole list of mitigations can be an alias', () => {
    const text = ALIASED_MITIGATION.replace(/mitigations:\n( +)- &backups/, 'mitigations: &common\n$1- ').replace(
      /mitigations:\n +- \*backups/,
      'mitigations: *common',
    );
    assert.match(text, /mitigations: \*common/);
    assert.deepStrictEqual(
      codes(text).map((finding) => finding.code),
      [],
    );
  });

  it('what is wrong inside an aliased value is reported once, at the anchor', () => {
    const text = ALIASED_MITIGATION.replace(
      'backlog: [RM-1]\n              status',
      'backlog: [⟦RM-9⟧]\n              status',
    );
    const [finding] = expectFindings('unknown-backlog-item', text, {
      'file:///workspace/backlog.usecase.yaml': BACKLOG,
    });
    assert.match(finding.message, /RM-9/);
  });

  it('an abuse case aliased into a second use case is one definition that answers both', () => {
    const findings = codes(`
      use_cases:
        - id: UC-book
          title: Book a visit
          actor: Patient
          cia: { confidentiality: medium }
          abuse_cases:
            - &stuffing
              id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              likelihood: likely
              impact: major
              accepted: { by: CISO, reason: SSO only, until: 2027-06-30 }
        - id: UC-pay
          title: Pay for a visit
          actor: Patient
          cia: { confidentiality: medium }
          abuse_cases:
            - *stuffing
    `);
    assert.deepStrictEqual(
      findings.map((finding) => finding.code),
      [],
    );
  });

  it('merge keys add the pairs a mapping does not write itself; its own keys win', () => {
    const text = dedent(`
      use_cases:
        - id: UC-records
          title: Keep patient records
          actor: Clinician
          data: [health]
          lawful_basis: legal-obligation
          retention: as-required-by-law
          special_category_condition: health-care
          abuse_cases:
            - &ransom
              id: AB-ransom
              title: Ransomware encrypts the records
              threatens: [confidentiality, integrity, availability]
              likelihood: possible
              impact: severe
              mitigations:
                - title: Restorable nightly backups
                  backlog: [RM-1]
                  status: implemented
            - <<: *ransom
              id: AB-wipe
              title: A careless admin deletes the records
              intent: unwitting
    `);
    const findings = analyse(text, { 'file:///workspace/backlog.usecase.yaml': BACKLOG });
    assert.deepStrictEqual(
      findings.map((finding) => `${finding.code}: ${finding.message}`),
      [],
    );
    const workspace = workspaceWith(text);
    const wipe = useCasesOf(workspace.coverage())
      .flatMap((useCase) => useCase.abuseCases)
      .find((abuseCase) => abuseCase.id === 'AB-wipe')!;
    assert.deepStrictEqual([wipe.title, wipe.mitigations.length], ['A careless admin deletes the records', 1]);
  });

  it('a merge key names a list of mappings, the first one winning; a merge of nothing is reported', () => {
    const text = dedent(`
      use_cases:
        - id: UC-a
          title: First
          actor: &actor Patient
          abuse_cases: []
        - <<: [{ id: UC-b, title: Second }, { title: Ignored, actor: Clinician }]
          abuse_cases: []
        - id: UC-c
          title: Third
          actor: *actor
          abuse_cases: []
          ⟦<<⟧: not a mapping
    `);
    const { text: plain, ranges } = marked(text);
    const tree = parseYamlTree(plain);
    const useCases = tree.objects.filter((object) => object.shape.name === 'use case');
    assert.deepStrictEqual(
      useCases.map((object) => ['id', 'title', 'actor'].map((key) => String(object.pairs.get(key)?.value))),
      [
        ['UC-a', 'First', 'Patient'],
        ['UC-b', 'Second', 'Clinician'],
        ['UC-c', 'Third', 'Patient'],
      ],
    );
    const unknown = analyse(plain).filter((finding) => finding.code === 'unknown-key');
    assert.deepStrictEqual(
      unknown.map((finding) => finding.range),
      ranges,
    );
  });

  it('a mapping that merges itself, or a list that holds itself, is read without a loop', () => {
    const findings = analyse(
      dedent(`
        use_cases:
          - &self
            id: UC-a
            title: First
            actor: Patient
            <<: *self
            abuse_cases: &list [*list]
      `),
    );
    assert.deepStrictEqual(
      findings.map((finding) => `${finding.code} @${finding.covers}`),
      ['no-abuse-cases @abuse_cases', 'wrong-type @[*list]'],
    );
  });

  it('an alias bomb is refused with one finding, and its aliases read as empty', () => {
    // Thirty use cases name one list of thirty abuse cases, each naming one list of thirty mitigations:
    // 27,000 mitigations from about a hundred lines.
    const size = 30;
    const mitigations = Array.from({ length: size }, (_, i) => `            - title: M${i}\n`).join('');
    const abuseCases = Array.from(
      { length: size },
      (_, i) =>
        `        - id: AB-${i}\n          title: T\n          threatens: [integrity]\n          mitigations: ${i ? '*ms' : `&ms\n${mitigations}`}\n`,
    ).join('');
    const useCases = Array.from(
      { length: size },
      (_, i) => `  - id: UC-${i}\n    title: T\n    actor: A\n    abuse_cases: ${i ? '*as' : `&as\n${abuseCases}`}\n`,
    ).join('');
    const text = `use_cases:\n${useCases.replace(/\n$/, '')}\n`;
    const syntax = analyse(text).filter((finding) => finding.code === 'syntax');
    assert.deepStrictEqual(
      syntax.map((finding) => [finding.message, text.slice(finding.range.start, finding.range.end)]),
      [
        [
          "This file's aliases repeat its entries more than 10,000 times over; they are not followed, and each reads as empty.",
          '*',
        ],
      ],
    );
    const workspace = workspaceWith(text);
    const model = workspace.file(MAIN_URI)!.model;
    assert.deepStrictEqual(
      [model.useCases.length, model.useCases.flatMap((useCase) => useCase.abuseCases).length],
      [size, size],
    );
  });

  it('known YAML 1.1 tags such as !!binary are not decoded: the value is the text written', () => {
    const text = dedent(`
      use_cases:
        - id: UC-a
          title: ⟦!!binary aGVsbG8=⟧
          actor: Patient
          abuse_cases: []
    `);
    const [finding] = expectFindings('ignored-tag', text);
    assert.match(finding.message, /`!!binary` is not acted on/);
    const tree = parseYamlTree(marked(text).text);
    assert.strictEqual(tree.objects[1].pairs.get('title')?.value?.toJSON(), 'aGVsbG8=');
    assert.ok(analyse(marked(text).text).every((f) => f.code !== 'wrong-type'));
  });

  it('reads a lone CR as a line end, as the editor positions do', () => {
    const text = 'use_cases:\r  - id: UC-1\r    title: Sign in\r    ⟦actr⟧: Customer\r    abuse_cases: []\r';
    const [finding] = expectFindings('unknown-key', text);
    assert.match(finding.message, /Did you mean 'actor'\?/);
    assert.deepStrictEqual(
      analyse(marked(text).text).filter((f) => f.code === 'syntax'),
      [],
    );
  });
});

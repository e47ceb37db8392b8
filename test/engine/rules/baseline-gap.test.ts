import * as assert from 'assert';
import { projectConfigOf, Workspace } from '../../../server/src/engine';
import { BUILT_IN_CAPABILITIES, Capability } from '../../../server/src/engine/baseline';
import { BUILT_IN_TEMPLATES } from '../../../server/src/engine/catalog';
import { BUILT_IN_DATA_CLASSES, LEVEL_RANK } from '../../../server/src/engine/dataClasses';
import type { Dimension } from '../../../server/src/engine/format';
import { parseFile } from '../../../server/src/engine/workspace';
import { PATCHING_FAMILY_CATALOG } from '../../helpers/baseline';
import { TODAY } from '../../helpers/engine';
import { dedent, marked } from '../../helpers/marked';

const CONFIG_URI = 'file:///w/abuse-cases.config.yaml';
const NOTES_URI = 'file:///w/notes.usecase.yaml';
const BACKLOG_URI = 'file:///w/backlog.usecase.yaml';

/** A workspace of these files (the configuration applied, as the hosts do), and each file's baseline findings. */
function baselineOf(files: Record<string, string>): {
  workspace: Workspace;
  findings: Record<string, { covers: string; message: string; severity: string; capability: unknown }[]>;
} {
  const workspace = new Workspace({ today: () => TODAY });
  const texts = Object.fromEntries(Object.entries(files).map(([uri, text]) => [uri, dedent(text)]));
  for (const [uri, text] of Object.entries(texts)) workspace.set(uri, text);
  if (texts[CONFIG_URI] !== undefined)
    workspace.configure(projectConfigOf(parseFile(CONFIG_URI, texts[CONFIG_URI]).tree));
  const findings = Object.fromEntries(
    Object.keys(texts).map((uri) => [
      uri,
      workspace
        .diagnostics(uri)
        .filter((d) => d.code === 'baseline-gap')
        .map((d) => ({
          covers: texts[uri].slice(d.range.start, d.range.end),
          message: d.message,
          severity: d.severity,
          capability: d.data?.capability,
        })),
    ]),
  );
  return { workspace, findings };
}

const capabilitiesIn = (findings: { capability: unknown }[]) => findings.map((f) => f.capability);

/** A use case whose data needs nothing but patching and incident readiness, which every product needs. */
const PUBLIC_NOTES = `
  product: Notes
  use_cases:
    - id: UC-publish
      title: Publish a public note
      actor: Member
      data: [public]
`;

const HEALTH_NOTES = `
  product: Acme Clinic
  use_cases:
    - id: UC-records
      title: Read a patient record
      actor: Clinician
      data: [health]
`;

describe('rule baseline-gap', () => {
  it('asks, on the product line, each question that applies and that nothing answers, saying why it applies', () => {
    const { text, ranges } = marked(
      dedent(
        'product: ⟦Acme Clinic⟧\nuse_cases:\n  - id: UC-records\n    title: Read a patient record\n    actor: Clinician\n    data: [health]\n',
      ),
    );
    const { findings } = baselineOf({ [NOTES_URI]: text });
    const here = findings[NOTES_URI];
    assert.deepStrictEqual(capabilitiesIn(here), [
      'backups',
      'restore',
      'encryption',
      'audit-trail',
      'strong-authentication',
      'data-minimisation',
      'consent',
      'patching',
      'regulations',
      'incident-readiness',
    ]);
    for (const finding of here) assert.strictEqual(finding.covers, text.slice(ranges[0].start, ranges[0].end));
    assert.strictEqual(
      here[1].message,
      'Acme Clinic requires high integrity (UC-records): can its data be restored from a backup, and has a restore been tried?',
    );
    assert.strictEqual(
      here[5].message,
      'Acme Clinic handles personal data (health in UC-records): does it collect and keep only the personal data it needs, and delete what it no longer needs?',
    );
    assert.strictEqual(
      here[7].message,
      'Acme Clinic, like every product: are its systems and dependencies updated and patched regularly, with anti-malware and firewalls kept current?',
    );
    assert.ok(here.every((finding) => finding.severity === 'warning'));
  });

  it('does not ask what does not apply: public data needs only what every product needs', () => {
    const { findings } = baselineOf({ [NOTES_URI]: PUBLIC_NOTES });
    assert.deepStrictEqual(capabilitiesIn(findings[NOTES_URI]), ['patching', 'incident-readiness']);
  });

  it('applies a question from the words of a use case, whole words only', () => {
    const vendor = PUBLIC_NOTES.replace('Publish a public note', 'Send a reminder by SMS');
    assert.deepStrictEqual(capabilitiesIn(baselineOf({ [NOTES_URI]: vendor }).findings[NOTES_URI]), [
      'third-parties',
      'patching',
      'incident-readiness',
    ]);
    assert.match(
      baselineOf({ [NOTES_URI]: vendor }).findings[NOTES_URI][0].message,
      /^Notes mentions 'sms' \(UC-publish\):/,
    );
    const partOfAWord = PUBLIC_NOTES.replace('Publish a public note', 'Publish the smsc logs');
    assert.deepStrictEqual(capabilitiesIn(baselineOf({ [NOTES_URI]: partOfAWord }).findings[NOTES_URI]), [
      'patching',
      'incident-readiness',
    ]);
  });

  it('is answered by `answers:` on a backlog item or a mitigation, in any file of the product', () => {
    const { findings, workspace } = baselineOf({
      [NOTES_URI]: `${PUBLIC_NOTES}
          abuse_cases:
            - id: AB-defaced
              title: An attacker defaces a note through an unpatched editor library
              threatens: [integrity]
              mitigations:
                - title: Update the editor library every month
                  status: implemented
                  answers: [patching]
      `,
      [BACKLOG_URI]: `
        product: Notes
        backlog:
          - id: NT-9
            title: Incident response plan and on-call rota
            sprint: "4"
            answers: [incident-readiness]
      `,
    });
    assert.deepStrictEqual(findings[NOTES_URI], []);
    assert.deepStrictEqual(findings[BACKLOG_URI], []);
    const [notes] = workspace.baseline();
    const answered = notes.capabilities.filter((state) => state.status === 'answered');
    assert.deepStrictEqual(
      answered.map((state) => [
        state.capability.id,
        state.progress,
        state.answeredBy.map((a) => `${a.kind} ${a.label}`),
      ]),
      [
        ['patching', 'implemented', ['mitigation Update the editor library every month']],
        ['incident-readiness', 'planned', ['backlog item NT-9']],
      ],
    );
  });

  it("is answered by a mitigation's control tag that maps to the question, by family or by control", () => {
    const tagged = (tags: string) =>
      baselineOf({
        [NOTES_URI]: `${PUBLIC_NOTES}
          abuse_cases:
            - id: AB-defaced
              title: An attacker defaces a note
              threatens: [integrity]
              mitigations:
                - title: Patch and monitor
                  controls: [${tags}]
        `,
      }).findings[NOTES_URI];
    assert.deepStrictEqual(capabilitiesIn(tagged('nist-800-53:SI-2(2), nist-800-53:IR-4')), []);
    assert.deepStrictEqual(capabilitiesIn(tagged('NIST-800-53:si-2')), ['incident-readiness']);
    // SI-20 is not SI-2, and IRX is no IR control.
    assert.deepStrictEqual(capabilitiesIn(tagged('nist-800-53:SI-20, nist-800-53:IRX-1')), [
      'patching',
      'incident-readiness',
    ]);
  });

  it("is answered by an abuse case that follows a template of the question's family", () => {
    const { findings, workspace } = baselineOf({
      [NOTES_URI]: `${PUBLIC_NOTES}
          abuse_cases:
            - id: AB-unpatched
              title: A known hole in the editor library is exploited
              threatens: [integrity]
              template: notes-unpatched-editor
      `,
      'file:///w/team.abusecatalog.yaml': PATCHING_FAMILY_CATALOG,
    });
    assert.deepStrictEqual(capabilitiesIn(findings[NOTES_URI]), ['incident-readiness']);
    const patching = workspace.baseline()[0].capabilities.find((state) => state.capability.id === 'patching')!;
    // An abuse case without a mitigation has come no further than proposed.
    assert.deepStrictEqual(
      [patching.status, patching.progress, patching.answeredBy[0].route, patching.answeredBy[0].via],
      ['answered', 'proposed', 'template', 'notes-unpatched-editor'],
    );
  });

  it('is one finding per product, on the first file that names it; files without a name join the only product', () => {
    const { findings } = baselineOf({
      'file:///w/a.usecase.yaml': 'product: Notes\nbacklog: []\n',
      'file:///w/b.usecase.yaml': PUBLIC_NOTES,
      'file:///w/c.usecase.yaml': HEALTH_NOTES.replace('product: Acme Clinic', '').replace('UC-records', 'UC-x'),
    });
    // The health data of c (which names no product) makes Notes need backups; the findings are on a's line.
    assert.strictEqual(findings['file:///w/a.usecase.yaml'].length, 10);
    assert.match(findings['file:///w/a.usecase.yaml'][0].message, /^Notes requires high integrity \(UC-x\)/);
    assert.deepStrictEqual(findings['file:///w/b.usecase.yaml'], []);
    assert.deepStrictEqual(findings['file:///w/c.usecase.yaml'], []);
  });

  it('goes on the configuration when the files name no product, and nowhere without one', () => {
    const unnamed = PUBLIC_NOTES.replace('product: Notes\n', '');
    const withConfig = baselineOf({ [NOTES_URI]: unnamed, [CONFIG_URI]: 'rules:\n  unrated-risk: off\n' });
    assert.deepStrictEqual(
      withConfig.findings[CONFIG_URI].map((f) => [f.covers, f.capability]),
      [
        ['rules', 'patching'],
        ['rules', 'incident-readiness'],
      ],
    );
    assert.match(withConfig.findings[CONFIG_URI][0].message, /^This workspace, like every product: /);
    assert.deepStrictEqual(withConfig.findings[NOTES_URI], []);
    const without = baselineOf({ [NOTES_URI]: unnamed });
    assert.deepStrictEqual(without.findings[NOTES_URI], []);
    // The coverage view and the reports still show the gaps.
    assert.deepStrictEqual(
      without.workspace
        .baseline()[0]
        .capabilities.filter((s) => s.status === 'gap')
        .map((s) => s.capability.id),
      ['patching', 'incident-readiness'],
    );
  });

  it("follows the configuration: a question turned off, a severity of its own, and the team's own questions", () => {
    const { findings, workspace } = baselineOf({
      [NOTES_URI]: PUBLIC_NOTES,
      [CONFIG_URI]: `
        rules:
          baseline-gap: info
        baseline:
          turned-off:
            - capability: incident-readiness
              reason: The hosting provider runs incident response for us.
          severities:
            patching: error
          capabilities:
            - id: moderation
              name: Moderation
              question: does someone read what members publish before others see it?
              applies-when: { words: [publish] }
              controls: [dsa:art-16]
            - id: never
              question: is this asked?
              applies-when: { data: [health] }
      `,
    });
    assert.deepStrictEqual(
      findings[NOTES_URI].map((f) => [f.capability, f.severity]),
      [
        ['patching', 'error'],
        ['moderation', 'information'],
      ],
    );
    assert.strictEqual(
      findings[NOTES_URI][1].message,
      "Notes mentions 'publish' (UC-publish): does someone read what members publish before others see it?",
    );
    const off = workspace.baseline()[0].capabilities.find((s) => s.capability.id === 'incident-readiness')!;
    assert.deepStrictEqual(
      [off.status, off.capability.turnedOff],
      ['turned-off', 'The hosting provider runs incident response for us.'],
    );
  });

  it('follows edits: answering a question in another file removes the finding, and undoing brings it back', () => {
    const workspace = new Workspace({ today: () => TODAY });
    // The findings are on the backlog file's line: it is the first file that names the product.
    workspace.set(BACKLOG_URI, 'product: Notes\nbacklog: []\n');
    workspace.set(NOTES_URI, dedent(PUBLIC_NOTES));
    const gaps = () => workspace.diagnostics(BACKLOG_URI).filter((d) => d.code === 'baseline-gap').length;
    assert.strictEqual(gaps(), 2);
    const answered = dedent(`${PUBLIC_NOTES}
          abuse_cases:
            - id: AB-defaced
              title: An attacker defaces a note
              threatens: [integrity]
              mitigations:
                - title: Patch day
                  answers: [patching]
    `);
    assert.ok(workspace.set(NOTES_URI, answered, 1).includes(BACKLOG_URI));
    assert.strictEqual(gaps(), 1);
    assert.ok(workspace.set(NOTES_URI, dedent(PUBLIC_NOTES), 2).includes(BACKLOG_URI));
    assert.strictEqual(gaps(), 2);
    // An edit that changes nothing the baseline reads re-checks nothing else.
    const retitled = dedent(PUBLIC_NOTES).replace('Publish a public note', 'Publish a public page');
    assert.deepStrictEqual(workspace.set(NOTES_URI, retitled, 3), [NOTES_URI]);
  });

  it("follows the catalog: a team template that leaves the question's family no longer answers it", () => {
    const workspace = new Workspace({ today: () => TODAY });
    const catalogUri = 'file:///w/team.abusecatalog.yaml';
    workspace.set(catalogUri, dedent(PATCHING_FAMILY_CATALOG));
    workspace.set(
      NOTES_URI,
      dedent(`${PUBLIC_NOTES}
          abuse_cases:
            - id: AB-unpatched
              title: A known hole in the editor library is exploited
              threatens: [integrity]
              template: notes-unpatched-editor
      `),
    );
    const gaps = () =>
      workspace
        .diagnostics(NOTES_URI)
        .filter((d) => d.code === 'baseline-gap')
        .map((d) => d.data?.capability);
    assert.deepStrictEqual(gaps(), ['incident-readiness']);
    const withoutFamily = dedent(PATCHING_FAMILY_CATALOG).replace('    family: patching\n', '');
    assert.ok(workspace.set(catalogUri, withoutFamily, 1).includes(NOTES_URI), 'the product line is checked again');
    assert.deepStrictEqual(gaps(), ['patching', 'incident-readiness']);
    assert.strictEqual(workspace.baseline()[0].capabilities.find((c) => c.capability.id === 'patching')!.status, 'gap');
    workspace.delete(catalogUri);
    workspace.set(catalogUri, dedent(PATCHING_FAMILY_CATALOG), 2);
    assert.deepStrictEqual(gaps(), ['incident-readiness']);
  });

  describe('each built-in question: applies, does not apply, is answered by each route, is turned off', () => {
    /** A use case that makes the capability apply: by the first of its conditions. */
    const triggerOf = ({ applies }: Capability): { data: string; title: string; extra?: string } => {
      if (applies.lawfulBasis?.length)
        return { data: 'pii', title: 'Keep records', extra: `lawful_basis: ${applies.lawfulBasis[0]}` };
      if (applies.data?.length) return { data: applies.data[0], title: 'Keep records' };
      if (applies.personal || applies.specialCategory) return { data: 'health', title: 'Keep records' };
      const [dimension, level] = Object.entries(applies.atLeast ?? {})[0] ?? [];
      const dataClass = dimension
        ? BUILT_IN_DATA_CLASSES.find(
            (candidate) => LEVEL_RANK[candidate.requires[dimension as Dimension]] >= LEVEL_RANK[level!],
          )
        : undefined;
      if (dataClass) return { data: dataClass.name, title: 'Keep records' };
      return { data: 'public', title: `Keep records ${applies.words?.[0] ?? ''}` };
    };
    const file = (
      { data, title, extra }: { data: string; title: string; extra?: string },
      backlog = '',
      mitigation = '',
    ) => `
      product: Notes
      backlog:
        - id: NT-1
          title: The work${backlog}
      use_cases:
        - id: UC-1
          title: ${title}
          actor: Member
          data: [${data}]${extra ? `\n          ${extra}` : ''}
          abuse_cases:
            - id: AB-1
              title: Something goes wrong
              threatens: [confidentiality]
              mitigations:
                - title: Something answers it${mitigation}
    `;
    const stateOf = (id: string, text: string, config?: string) =>
      baselineOf({ [NOTES_URI]: text, ...(config ? { [CONFIG_URI]: config } : {}) })
        .workspace.baseline()[0]
        .capabilities.find((state) => state.capability.id === id)!;

    for (const capability of BUILT_IN_CAPABILITIES) {
      it(capability.id, () => {
        const trigger = triggerOf(capability);
        assert.strictEqual(stateOf(capability.id, file(trigger)).status, 'gap', 'it applies, and nothing answers it');
        if (!capability.applies.always) {
          const quiet = stateOf(capability.id, file({ data: 'telemetry', title: 'Count page views' }));
          assert.strictEqual(quiet.status, 'not-applicable', 'telemetry alone does not make it apply');
        }
        const byItem = stateOf(capability.id, file(trigger, `\n          answers: [${capability.id}]`));
        assert.deepStrictEqual([byItem.status, byItem.progress], ['answered', 'proposed']);
        const byMitigation = stateOf(
          capability.id,
          file(trigger, '', `\n                  answers: [${capability.id}]\n                  status: verified`),
        );
        assert.deepStrictEqual([byMitigation.status, byMitigation.progress], ['answered', 'verified']);
        const control = capability.controls[0].endsWith(':')
          ? `${capability.controls[0]}art-1`
          : capability.controls[0];
        const byControl = stateOf(
          capability.id,
          file(trigger, '', `\n                  controls: [${control}]\n                  status: implemented`),
        );
        assert.deepStrictEqual([byControl.status, byControl.answeredBy[0]?.route], ['answered', 'control'], control);
        const family = BUILT_IN_TEMPLATES.find((template) => template.family === capability.id)!;
        const byTemplate = stateOf(
          capability.id,
          file(trigger).replace(
            'threatens: [confidentiality]',
            `threatens: [confidentiality]\n              template: ${family.id}`,
          ),
        );
        assert.deepStrictEqual(
          [byTemplate.status, byTemplate.answeredBy[0]?.route],
          ['answered', 'template'],
          family.id,
        );
        const off = stateOf(
          capability.id,
          file(trigger),
          `baseline:\n  turned-off:\n    - capability: ${capability.id}\n      reason: Not ours.\n`,
        );
        assert.deepStrictEqual([off.status, off.capability.turnedOff], ['turned-off', 'Not ours.']);
      });
    }
  });
});

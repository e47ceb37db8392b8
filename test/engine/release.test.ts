import * as assert from 'assert';
import { DEFAULT_CONFIG, Workspace } from '../../server/src/engine';
import { GateThresholds } from '../../server/src/engine/config';
import { coverageModelOf } from '../../server/src/engine/coverageTree';
import { releaseModel, releasesOf } from '../../server/src/engine/release';
import { flattenBacklog } from '../../server/src/engine/backlogTree';
import { TODAY } from '../helpers/engine';
import { RELEASES_PRODUCT } from '../helpers/releases';

function modelWith(gate: GateThresholds) {
  const workspace = new Workspace({ today: () => TODAY });
  workspace.configure({ ...DEFAULT_CONFIG, gate, baseline: { ...DEFAULT_CONFIG.baseline, turnedOff: [] } });
  workspace.set('file:///w/notes.usecase.yaml', RELEASES_PRODUCT);
  return coverageModelOf(workspace);
}

describe('releases: the slice of one release, and the thresholds that read sources', () => {
  it('lists the releases the backlog names, in release order', () => {
    assert.deepStrictEqual(releasesOf(modelWith({})), ['2027.1', '2027.2']);
  });

  it('keeps the release items, the use cases they build, their figures and sprints', () => {
    const model = modelWith({ maxOpenHighRisks: 0 });
    const first = releaseModel(model, '2027.1', { maxOpenHighRisks: 0 }, 0);
    assert.deepStrictEqual(
      flattenBacklog(first.backlog).map((item) => item.id),
      ['RM-1', 'RM-2'],
    );
    assert.deepStrictEqual(first.summary, {
      useCases: 1,
      requiredDimensions: 1,
      coveredDimensions: 1,
      abuseCases: 1,
      closedAbuseCases: 0,
      openHighRisks: 1,
    });
    assert.deepStrictEqual(first.sprints, [{ sprint: 'S1', totalPoints: 8, securityPoints: 3, share: 3 / 8 }]);
    assert.deepStrictEqual(
      first.gate.thresholds.map((t) => [t.threshold, t.passed, t.offenders]),
      [
        ['no-errors', true, []],
        ['max-open-high-risks', false, ['AB-stuffing (UC-login)']],
      ],
    );
    const second = releaseModel(model, '2027.2', { maxOpenHighRisks: 0 }, 0);
    assert.strictEqual(second.gate.passed, true, 'export is mitigated: the sign-in risk is not this release’s');
    assert.strictEqual(second.summary.useCases, 1);
  });

  it('fails a release when a workspace file has an error', () => {
    const slice = releaseModel(modelWith({}), '2027.2', {}, 2);
    assert.deepStrictEqual(
      slice.gate.thresholds.map((t) => [t.threshold, t.passed]),
      [['no-errors', false]],
    );
  });

  it('require-source: every item that is not security work traces to one of the kinds, or is named', () => {
    const gate: GateThresholds = { requireSource: ['feedback', 'research'] };
    const second = releaseModel(modelWith(gate), '2027.2', gate, 0);
    const [, requireSource] = second.gate.thresholds;
    assert.deepStrictEqual(
      [requireSource.threshold, requireSource.passed, requireSource.offenders, requireSource.message],
      [
        'require-source',
        false,
        ['RM-4 (from internal)'],
        '1 backlog item that is not security work does not trace to feedback or research',
      ],
    );
    // RM-2 has no source, but builds a mitigation: security work needs none.
    assert.strictEqual(releaseModel(modelWith(gate), '2027.1', gate, 0).gate.passed, true);
    // Over the whole workspace (no --release): the item without a release and without a source is named too.
    const whole = modelWith(gate).gate.thresholds.find((t) => t.threshold === 'require-source')!;
    assert.deepStrictEqual(whole.offenders, ['RM-4 (from internal)', 'RM-5 (no source)']);
  });

  it("require-security-for-release: no open high risk in the release, and no gap in the product's baseline", () => {
    const gate: GateThresholds = { requireSecurityForRelease: true };
    const model = modelWith(gate);
    const first = releaseModel(model, '2027.1', gate, 0).gate.thresholds.at(-1)!;
    assert.strictEqual(first.threshold, 'require-security-for-release');
    assert.strictEqual(first.passed, false);
    assert.ok(first.offenders.includes('AB-stuffing (UC-login)'), first.offenders.join());
    assert.ok(
      first.offenders.some((offender) => offender.startsWith('baseline: Notes: ')),
      'the product answers no baseline question yet',
    );
    const second = releaseModel(model, '2027.2', gate, 0).gate.thresholds.at(-1)!;
    assert.ok(!second.offenders.includes('AB-stuffing (UC-login)'));
  });
});

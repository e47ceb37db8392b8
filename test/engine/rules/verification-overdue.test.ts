import * as assert from 'assert';
import { Workspace } from '../../../server/src/engine';
import { coverageModelOf } from '../../../server/src/engine/coverageTree';
import { expectFindings, expectNoFindings, MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

/** A restore drill verified on 2026-05-24, to be verified again every 6 months: due 2026-11-24. */
const drill = (verifiedOn: string, status = 'verified') => `
  use_cases:
    - id: UC-restore
      title: Restore a deleted roadmap
      actor: Admin
      abuse_cases:
        - id: AB-lost
          title: Backups turn out to be unusable when needed
          threatens: [availability]
          mitigations:
            - title: Restore drill from the nightly backup
              status: ${status}
              verified_on: ${verifiedOn}
              reverify_every: 6m
`;

describe('rule verification-overdue', () => {
  it('holds through the due day, and lapses the day after', () => {
    expectNoFindings('verification-overdue', drill('2026-05-24'), {}, '2026-11-24');
    const [finding] = expectFindings('verification-overdue', drill('⟦2026-05-24⟧'), {}, '2026-11-25');
    assert.strictEqual(
      finding.message,
      "'Restore drill from the nightly backup' was verified on 2026-05-24, to be verified again every 6m: that was due on 2026-11-24, 1 day ago. Until it is, it counts as implemented, not verified.",
    );
    assert.strictEqual(finding.severity, 'warning');
  });

  it('says nothing of a verification without a period, or a malformed date or duration (invalid-value reports those)', () => {
    const source = drill('2020-01-01').replace('              reverify_every: 6m\n', '');
    expectNoFindings('verification-overdue', source);
    expectNoFindings('verification-overdue', drill('2020-13-01'));
    expectNoFindings('verification-overdue', drill('2020-01-01').replace('6m', '6 months'));
  });

  it('counts a lapsed verification as implemented, not verified, in the coverage model and the gate', () => {
    const stateOn = (today: string) => {
      const workspace = new Workspace({ today: () => today });
      workspace.set(MAIN_URI, dedent(drill('2026-05-24')));
      const [useCase] = coverageModelOf(workspace).unplanned;
      const [abuseCase] = useCase.abuseCases;
      return [abuseCase.state, abuseCase.mitigations[0].status, abuseCase.mitigations[0].verificationDue];
    };
    assert.deepStrictEqual(stateOn('2026-11-24'), ['verified', 'verified', undefined]);
    assert.deepStrictEqual(stateOn('2026-11-25'), ['mitigated', 'implemented', '2026-11-24']);
  });
});

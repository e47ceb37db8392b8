import * as assert from 'assert';
import { analyse, expectFindings, expectNoFindings } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

const ATTACKER_ONLY = `
            - id: AB-stolen-session
              title: An attacker reuses a stolen session
              threatens: [confidentiality, integrity, availability]
`;

describe('rule no-unwitting-case', () => {
  it('asks for a mistake by a legitimate user where the data must stay confidential or correct', () => {
    const [finding] = expectFindings(
      'no-unwitting-case',
      `
      use_cases:
        - id: UC-records
          title: Read a patient record
          actor: Clinician
          data: [health]
          ⟦abuse_cases⟧:${ATTACKER_ONLY}`,
    );
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      "'UC-records' requires high confidentiality and integrity, and every abuse case of it is an attacker's: how could a legitimate user harm it by mistake (forwarding, a wrong recipient, a shared device, a role given wrongly)?",
    );
    assert.deepStrictEqual(finding.data, { useCase: 'UC-records' });
  });

  it('reads the requirement written in cia: too', () => {
    expectFindings(
      'no-unwitting-case',
      `
      use_cases:
        - id: UC-prices
          title: Change a price
          actor: Merchant
          cia: { integrity: high }
          ⟦abuse_cases⟧:${ATTACKER_ONLY}`,
    );
  });

  it('is satisfied by one unwitting abuse case, and silent for availability, lower levels or no abuse case', () => {
    const source = `
      use_cases:
        - id: UC-records
          title: Read a patient record
          actor: Clinician
          data: [health]
          abuse_cases:${ATTACKER_ONLY}
            - id: AB-shared-screen
              title: A record stays open on a shared ward computer
              intent: unwitting
              threatens: [confidentiality]
        - id: UC-status
          title: Publish the status page
          actor: Operator
          cia: { availability: high, confidentiality: medium }
          abuse_cases:${ATTACKER_ONLY}
        - id: UC-empty
          title: Read a record
          actor: Clinician
          data: [health]
      `;
    expectNoFindings('no-unwitting-case', source);
    // The same file, read: no syntax problem hides a finding.
    assert.deepStrictEqual(
      analyse(dedent(source)).filter((finding) => finding.code === 'syntax' || finding.code === 'wrong-type'),
      [],
    );
  });
});

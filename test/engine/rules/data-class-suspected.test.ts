import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

/** A use case of `data`, whose one abuse case follows `template`. */
const reminders = (data: string, template: string, marked = true) => `
  use_cases:
    - id: UC-reminders
      title: Send appointment reminders by SMS
      actor: Clinic
      data: [${data}]
      abuse_cases:
        - id: AB-reminder-leak
          title: A reminder reveals the reason for a visit to whoever reads the phone
          threatens: [confidentiality]
          template: ${marked ? `⟦${template}⟧` : template}
`;

describe('rule data-class-suspected', () => {
  it("asks whether the use case handles the template's kinds of data that would raise its requirement", () => {
    // sensitive-notification-content is about health, sensitive-pii and financial data.
    const [finding] = expectFindings('data-class-suspected', reminders('pii', 'sensitive-notification-content'));
    assert.strictEqual(finding.severity, 'hint');
    assert.strictEqual(
      finding.message,
      "Does 'UC-reminders' handle 'health', 'sensitive-pii' or 'financial' data? This abuse case follows 'sensitive-notification-content', a threat to such data, and naming one under `data:` would raise what the use case must protect.",
    );
    assert.deepStrictEqual(finding.data, {
      useCase: 'UC-reminders',
      dataClasses: ['health', 'sensitive-pii', 'financial'],
    });
  });

  it('is silent when the use case names one of the kinds, when none would raise it, and for an unknown template', () => {
    expectNoFindings('data-class-suspected', reminders('pii, health', 'sensitive-notification-content', false));
    // Already at high confidentiality and integrity and availability: nothing would rise.
    expectNoFindings(
      'data-class-suspected',
      reminders('pii', 'sensitive-notification-content', false).replace(
        '      data: [pii]\n',
        '      data: [pii]\n      cia: { confidentiality: high, integrity: high, availability: high }\n',
      ),
    );
    expectNoFindings('data-class-suspected', reminders('pii', 'no-such-template', false));
  });
});

/** The file the welcome view's button creates: small, realistic, and with two gaps for the tools to show (CIA, baseline). */
export const EXAMPLE_FILE_NAME = 'example.usecase.yaml';

export const EXAMPLE_FILE_TEXT = `# An example: a use case, the abuse cases beside it, and the backlog items that build the mitigations.
# Hover a value to learn what it means; type inside abuse_cases: to get abuse cases from the threat catalog.
product: My product
backlog:
  - id: EX-1
    title: Sign in with e-mail and password
    status: in-progress
    sprint: "1"
  - id: EX-2
    title: Rate-limit sign-in attempts
    security: true
    sprint: "2"
  - id: EX-3
    title: End sessions left idle, and offer "Sign out everywhere"
    security: true
    sprint: "2"
  # The security baseline: questions every product must answer from the start (hover \`answers\`).
  - id: EX-4
    title: Nightly backups, and a restore tried every quarter
    security: true
    answers: [backups, restore]
  - id: EX-5
    title: Encrypt data in transit and at rest, and patch dependencies every month
    security: true
    answers: [encryption, patching]
  - id: EX-6
    title: Record who changed what in an account, and page the on-call engineer on a suspected breach
    security: true
    answers: [audit-trail, incident-readiness]
  - id: EX-7
    title: Keep only the personal data sign-in needs, and check which privacy laws apply
    security: true
    answers: [data-minimisation, regulations]
  # Nothing answers whether customers opt in and can opt out: the warning on "My product" says so.
use_cases:
  - id: UC-sign-in
    title: Sign in with e-mail and password
    actor: Customer
    backlog: [EX-1]
    data: [credentials, pii]
    # Personal data: on what GDPR basis it is processed, and how long it is kept (hover a value to learn more).
    lawful_basis: contract
    retention: until-account-deleted
    steps:
      - The customer enters their e-mail address and password.
      - The product opens their account.
    abuse_cases:
      - id: AB-credential-stuffing
        title: Attackers take over accounts by replaying passwords leaked from other sites
        actor: Credential-stuffing bot operator
        intent: malicious
        threatens: [confidentiality]
        template: credential-stuffing
        likelihood: likely
        impact: major
        mitigations:
          - title: Rate-limit sign-in attempts per account and per IP address
            backlog: [EX-2]
            status: planned
            controls: [asvs:V2.2.1, nist-800-53:AC-7]
      - id: AB-sign-in-flood
        title: Bots flood the sign-in page and real customers cannot get in
        actor: Attacker with a botnet
        intent: malicious
        threatens: [availability]
        likelihood: possible
        impact: moderate
        mitigations:
          - title: Rate-limit sign-in attempts per account and per IP address
            backlog: [EX-2]
            status: planned
      - id: AB-shared-computer
        title: A customer stays signed in on a shared computer, and the next person uses their account
        actor: Customer on a family or library computer
        intent: unwitting
        threatens: [confidentiality]
        likelihood: possible
        impact: moderate
        mitigations:
          - title: Sessions end after 30 minutes without activity
            backlog: [EX-3]
            status: planned
      # Integrity is required at high by 'credentials' and no abuse case threatens it yet:
      # the sidebar shows "I ✗", and the quick fix on 'credentials' adds one from the catalog.
`;

import { loadGrammar, tokenize, describeTokens } from './tokenize';
const doc = `product: Roadmaps
backlog:
  - id: RM-101
    title: Share a roadmap through a private link
    type: story            # epic | story | task | bug | spike
    status: in-progress    # todo | in-progress | done
    sprint: "2026.23"
    points: 5
    security: true
    parent: RM-100
use_cases:
  - id: UC-share-link
    title: high availability setup
    actor: Product manager
    backlog: [RM-101, "x y", RM-2 # c
      , RM-3]
    data: [customer-content, pii]
    cia:
      confidentiality: high     # none | low | medium | high
    steps:
      - Open the roadmap
      - integrity
    abuse_cases:
      - id: AB-link-forwarded
        title: The link is forwarded
        intent: unwitting             # malicious | unwitting
        threatens: [confidentiality, integrity]  # confidentiality | integrity | availability
        threatens:
          - availability  # c
          - integrity
        template: link-leakage
        likelihood: likely            # rare | unlikely | possible | likely | almost-certain
        impact: major                 # negligible | minor | moderate | major | severe
        mitigations:
          - title: Links expire
            backlog:
              - RM-140
            status: planned           # proposed | planned | implemented | verified
            controls: [gdpr:art-32]
        accepted:
          by: Jane (CISO)
          reason: |
            id: not-a-key
            status: done
          until: 2027-03-31
`;
describe('scratch', () => { it('prints', async () => { const g = await loadGrammar(); console.log(describeTokens(tokenize(g, doc))); }); });

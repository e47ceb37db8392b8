import { dedent } from './marked';

/**
 * Two releases: 2027.1 ships sign-in (an open high risk) and its rate limit; 2027.2 ships export (mitigated) and an
 * item nobody asked for. A third item has no release.
 */
export const RELEASES_PRODUCT = dedent(`
  product: Notes
  feedback:
    - id: FB-1
      summary: Let me export my notes
  backlog:
    - id: RM-1
      title: Sign in with a password
      release: "2027.1"
      sprint: S1
      points: 5
      source: { kind: research, ref: interviews-2026-10 }
    - id: RM-2
      title: Rate-limit sign-in
      release: "2027.1"
      sprint: S1
      points: 3
    - id: RM-3
      title: Export notes as PDF
      release: "2027.2"
      status: done
      source: { kind: feedback, ref: FB-1 }
    - id: RM-4
      title: Dark mode
      release: "2027.2"
      source: { kind: internal }
    - id: RM-5
      title: Someday
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Member
      backlog: [RM-1]
      cia: { confidentiality: high }
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality]
          likelihood: likely
          impact: major
          mitigations:
            - title: Rate-limit sign-in attempts
              backlog: [RM-2]
              status: planned
    - id: UC-export
      title: Export notes
      actor: Member
      backlog: [RM-3]
      cia: { confidentiality: medium }
      abuse_cases:
        - id: AB-export-taken-over
          title: An export after an account takeover
          threatens: [confidentiality]
          impact: major
          mitigations:
            - title: Re-authenticate before an export
              backlog: [RM-3]
              status: implemented
`);

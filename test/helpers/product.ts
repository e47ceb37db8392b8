import { BACKLOG_URI, TEAM_CATALOG_URI } from './features';

export const CONFIG_URI = 'file:///workspace/abuse-cases.config.yaml';

/** The other files of the product: a backlog, a team catalog and the configuration. */
export const PRODUCT = {
  [BACKLOG_URI]: `
    feedback:
      - id: FB-12
        summary: Let me export my roadmap as a PDF
    vendors:
      - id: mailer
        name: Mailer
        receives: [loyalty-points]
    backlog:
      - id: RM-7
        title: Export as PDF
        release: "2027.1"
        source:
          kind: feedback
          ref: FB-12
      - id: RM-8
        title: Nightly backups
        answers: [access-review]
        release: "2027.1"
  `,
  [TEAM_CATALOG_URI]: `
    templates:
      - id: export-scraping
        title: Scraping through the export
        threatens: [confidentiality]
        family: access-review
        data: [loyalty-points]
  `,
  [CONFIG_URI]: `
    current-release: "2027.1"
    data-classes:
      - name: loyalty-points
        confidentiality: medium
        integrity: high
        availability: low
    baseline:
      capabilities:
        - id: access-review
          question: Are access rights reviewed every quarter?
  `,
};

/** The main file: a use case built by RM-7, whose abuse case follows the team template and is mitigated by RM-7. */
export const MAIN = `
use_cases:
  - id: UC-export
    title: Export a roadmap
    actor: Member
    backlog: [RM-7]
    data: [loyalty-points]
    vendors: [mailer]
    abuse_cases:
      - id: AC-scrape
        title: Scrape every roadmap through the export
        template: export-scraping
        threatens: [confidentiality]
        mitigations:
          - title: Rate-limit exports
            backlog: ["RM-7"]
            answers: [access-review]
`;

/** The main text with `|` put at the first occurrence of `needle`, after `skip` characters of it. */
export function cursorIn(needle: string, skip = 1, text = MAIN): string {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not in the document`);
  return `${text.slice(0, at + skip)}|${text.slice(at + skip)}`;
}

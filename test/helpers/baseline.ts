/** A team catalog with one template of the security baseline's patching family, for the tests of that route. */
export const PATCHING_FAMILY_CATALOG = `
templates:
  - id: notes-unpatched-editor
    title: A known hole in the editor library is exploited
    description: Nobody updates the rich-text editor, and a published exploit works.
    intent: malicious
    actor: Attacker
    threatens: [integrity]
    stride: tampering
    data: [public]
    family: patching
    mitigations:
      - title: Update the editor library every month
        controls: [nist-800-53:SI-2]
`;

/** The file *Create configuration* writes: the defaults spelled out, each setting explained, the rest commented out. */
export const CONFIG_FILE_NAME = 'abuse-cases.config.yaml';

export const STARTER_CONFIG_TEXT = `# How strict abuse-cases is for this product: the editor, the sidebar and the command line
# (abuse-cases check, gate, coverage) all read this file. Every setting is explained in
# docs/configuration.md; hover a key to read what it does.

# A severity per rule code (off | hint | info | warning | error), e.g.:
# rules:
#   unrated-risk: off
#   unmitigated: error

# This product's own data, with the CIA levels it requires (the built-in classes need no entry):
# data-classes:
#   - name: loyalty-points
#     description: Points customers earn and spend like money.
#     confidentiality: low
#     integrity: high
#     availability: medium

# The share of each sprint's points that should go to security work.
security-capacity-target: 0.2

# The largest file, in megabytes, that the tools read (a larger one gets a file-not-read finding):
# max-file-size: 5

# What \`abuse-cases gate\` stops a release on. These are the defaults; tighten them as the team gets there.
gate:
  max-open-high-risks: 0
  require-mitigated-for-done: true
  # min-coverage: 0.9          # the share of required CIA dimensions that have an abuse case
  # security-capacity: 0.2     # the share of each sprint's points spent on security work
`;

import * as path from 'path';
import type { Log, ReportingDescriptor, Result, Suppression } from 'sarif';
import { pathToFileURL } from 'url';
import { version } from '../../../package.json';
import { docsUrlOf, EngineDiagnostic, LineIndex, RULES, Severity } from '../engine';
import type { SuppressedFinding, SuppressionDirective } from '../engine/suppressions';

const LEVELS: Record<Severity, Result.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};
const INFORMATION_URI = 'https://github.com/abuse-cases/abuse-cases';

export interface CheckedFileResult {
  /** Absolute path. */
  path: string;
  lineIndex: LineIndex;
  diagnostics: EngineDiagnostic[];
  /** The findings suppressed by comments in the file: results with `suppressions`, as SARIF 2.1.0 (§3.27.23) has them. */
  suppressed?: readonly SuppressedFinding<EngineDiagnostic>[];
}

/** The rule metadata code-scanning UIs show beside each finding: description, rationale and a link to the rule's page. */
function ruleDescriptor(rule: (typeof RULES)[number]): ReportingDescriptor {
  const name = rule.code.replace(/(^|-)(.)/g, (_, _dash: string, ch: string) => ch.toUpperCase());
  return {
    id: rule.code,
    name,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs.rationale },
    helpUri: docsUrlOf(rule.code),
    help: {
      text: `${rule.docs.rationale}\n\nSee ${docsUrlOf(rule.code)}`,
      markdown: `${rule.docs.rationale}\n\n[Rule documentation](${docsUrlOf(rule.code)})`,
    },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['security', 'abuse-case'] },
  };
}

/**
 * A SARIF 2.1.0 log of one check: paths relative to `root` (the SRCROOT base,
 * so that code-scanning tools map them onto the repository), 1-based lines and
 * UTF-16 columns, related locations for cross-file findings.
 */
export function sarifLog(
  files: CheckedFileResult[],
  root: string,
  uriOf: (uri: string) => CheckedFileResult | undefined,
): Log {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.code, index]));
  const artifact = (file: string) => ({
    uri: path.relative(root, file).split(path.sep).join('/'),
    uriBaseId: 'SRCROOT',
  });
  const region = (lines: LineIndex, range: EngineDiagnostic['range']) => {
    const { start, end } = lines.rangeOf(range);
    return {
      startLine: start.line + 1,
      startColumn: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  };
  const location = (file: CheckedFileResult, range: EngineDiagnostic['range']) => ({
    physicalLocation: { artifactLocation: artifact(file.path), region: region(file.lineIndex, range) },
  });
  const inSource = (by: readonly SuppressionDirective[], file: CheckedFileResult): Suppression[] =>
    by.map((directive) => ({
      kind: 'inSource',
      ...(directive.reason === undefined ? {} : { justification: directive.reason }),
      location: location(file, directive.range),
    }));
  const results: Result[] = files.flatMap((file) =>
    [...file.diagnostics.map((finding) => ({ finding, by: undefined })), ...(file.suppressed ?? [])]
      // In document order, suppressed or not.
      .sort((a, b) => a.finding.range.start - b.finding.range.start)
      .map(({ finding: d, by }) => ({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: LEVELS[d.severity],
        message: { text: d.message },
        locations: [location(file, d.range)],
        relatedLocations: d.related?.flatMap((related, id) => {
          const other = uriOf(related.uri);
          return other
            ? [
                {
                  id,
                  message: { text: related.message },
                  physicalLocation: {
                    artifactLocation: artifact(other.path),
                    region: region(other.lineIndex, related.range),
                  },
                },
              ]
            : [];
        }),
        ...(by ? { suppressions: inSource(by, file) } : {}),
      })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'abuse-cases',
            version,
            semanticVersion: version,
            informationUri: INFORMATION_URI,
            rules: RULES.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

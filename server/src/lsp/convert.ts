import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity } from 'vscode-languageserver';
import { docsUrlOf, EngineDiagnostic, LineIndex, Severity } from '../engine';

export const SOURCE = 'abuse-cases';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Engine findings carry offsets; LSP wants line/character. Related locations
 * may sit in other files, so their line index is looked up by uri.
 */
export function toLspDiagnostic(
  finding: EngineDiagnostic,
  lines: LineIndex,
  linesOf: (uri: string) => LineIndex | undefined,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: lines.rangeOf(finding.range),
    severity: SEVERITIES[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrlOf(finding.code) },
    source: SOURCE,
    message: finding.message,
  };
  const related = finding.related?.flatMap((location): DiagnosticRelatedInformation[] => {
    const otherLines = linesOf(location.uri);
    return otherLines
      ? [{ location: { uri: location.uri, range: otherLines.rangeOf(location.range) }, message: location.message }]
      : [];
  });
  if (related?.length) diagnostic.relatedInformation = related;
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

import { Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location } from 'vscode-languageserver';
import { docsUrlOf, EngineDiagnostic, LineIndex, Severity, Workspace } from '../engine';
import { OffsetRange } from '../engine/text';

export const SOURCE = 'abuse-cases';

/** A place in one of the workspace's files as an LSP location; none for a file the workspace no longer holds. */
export function locationOf(workspace: Workspace, place: { uri: string; range: OffsetRange }): Location | undefined {
  const lines = workspace.file(place.uri)?.lineIndex;
  return lines && { uri: place.uri, range: lines.rangeOf(place.range) };
}

/** Places as LSP locations, those in files the workspace no longer holds left out. */
export function locationsOf(workspace: Workspace, places: readonly { uri: string; range: OffsetRange }[]): Location[] {
  return places.flatMap((place) => locationOf(workspace, place) ?? []);
}

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

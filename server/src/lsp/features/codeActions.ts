import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver';
import { quickFixesFor } from '../../engine/features/quickFixes';
import { Feature } from './feature';

export const codeActions: Feature = ({ connection, workspace }) => {
  connection.onCodeAction(({ textDocument, range, context }): CodeAction[] => {
    const file = workspace.file(textDocument.uri);
    if (!file) return [];
    if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const lines = file.lineIndex;
    const fixes = quickFixesFor(workspace, textDocument.uri, { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) });
    return fixes.map((fix) => {
      const fixedRange = lines.rangeOf(fix.diagnostic.range);
      // Link the action to the client's own copy of the diagnostic, so the lightbulb and Problems view pair them.
      const diagnostics = context.diagnostics.filter(
        (d: Diagnostic) => d.code === fix.diagnostic.code && d.range.start.line === fixedRange.start.line && d.range.start.character === fixedRange.start.character,
      );
      return {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        isPreferred: fix.isPreferred,
        edit: { changes: { [textDocument.uri]: fix.edits.map((edit) => ({ range: lines.rangeOf(edit.range), newText: edit.newText })) } },
      };
    });
  });
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } };
};

import { CodeAction, CodeActionKind, Command, Diagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { LineIndex } from '../../engine';
import { applyEdits, TextEdit } from '../../engine/features/edits';
import { QuickFix, quickFixesFor } from '../../engine/features/quickFixes';
import { Workspace } from '../../engine/workspace';
import { Feature } from './feature';

/**
 * Run by the editor once a fix is applied: shows and selects what the fix inserted
 * (`window/showDocument`), so that an abuse case added at the end of a long list is not out of view.
 */
export const SELECT_INSERTED_COMMAND = 'abuseCases.selectInserted';

export const codeActions: Feature = ({ connection, workspace }) => {
  connection.onCodeAction(({ textDocument, range, context }): CodeAction[] => {
    const file = workspace.file(textDocument.uri);
    if (!file) return [];
    if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const lines = file.lineIndex;
    const fixes = quickFixesFor(workspace, textDocument.uri, {
      start: lines.offsetAt(range.start),
      end: lines.offsetAt(range.end),
    });
    return fixes.map((fix) => {
      // Link the action to the client's own copy of the diagnostic, so the lightbulb and Problems view pair them.
      const fixedRange = fix.diagnostic && lines.rangeOf(fix.diagnostic.range);
      const diagnostics = fixedRange
        ? context.diagnostics.filter(
            (d: Diagnostic) =>
              d.code === fix.diagnostic!.code &&
              d.range.start.line === fixedRange.start.line &&
              d.range.start.character === fixedRange.start.character,
          )
        : undefined;
      return {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        isPreferred: fix.isPreferred,
        edit: { changes: changesOf(workspace, textDocument.uri, fix) },
        command: selectCommandOf(file.text, textDocument.uri, fix),
      };
    });
  });
  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== SELECT_INSERTED_COMMAND || !args) return;
    const [uri, selection] = args as [string, LspTextEdit['range']];
    // A client without window/showDocument leaves the cursor where it was: the edit is applied all the same.
    await connection.window.showDocument({ uri, selection, takeFocus: true }).catch(() => undefined);
  });
  return {
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    executeCommandProvider: { commands: [SELECT_INSERTED_COMMAND] },
  };
};

function changesOf(workspace: Workspace, uri: string, fix: QuickFix): Record<string, LspTextEdit[]> {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [target, edits] of [[uri, fix.edits] as const, ...Object.entries(fix.elsewhere ?? {})]) {
    const lines = workspace.file(target)?.lineIndex;
    if (lines && edits.length)
      changes[target] = edits.map((edit: TextEdit) => ({ range: lines.rangeOf(edit.range), newText: edit.newText }));
  }
  return changes;
}

/** The command selecting what the fix inserted, in positions of the text the fix leaves. */
function selectCommandOf(text: string, uri: string, fix: QuickFix): Command | undefined {
  if (!fix.select) return undefined;
  const selection = new LineIndex(applyEdits(text, fix.edits)).rangeOf(fix.select);
  return { title: 'Show what was inserted', command: SELECT_INSERTED_COMMAND, arguments: [uri, selection] };
}

import { SymbolInformation } from 'vscode-languageserver';
import { workspaceSymbols as search } from '../../engine/features/workspaceSymbols';
import { Feature } from './feature';
import { SYMBOL_KINDS } from './documentSymbols';

/** Go to Symbol in Workspace (Ctrl+T): ids and titles across every file. */
export const workspaceSymbols: Feature = ({ connection, workspace }) => {
  connection.onWorkspaceSymbol(({ query }) =>
    search(workspace, query).flatMap((symbol): SymbolInformation[] => {
      const lines = workspace.file(symbol.uri)?.lineIndex;
      if (!lines) return [];
      return [
        {
          // VS Code filters the answer again by the name alone: the title goes in it, so that a title match stays.
          name: symbol.detail ? `${symbol.name} · ${symbol.detail}` : symbol.name,
          kind: SYMBOL_KINDS[symbol.kind],
          location: { uri: symbol.uri, range: lines.rangeOf(symbol.range) },
          containerName: symbol.container,
        },
      ];
    }),
  );
  return { workspaceSymbolProvider: true };
};

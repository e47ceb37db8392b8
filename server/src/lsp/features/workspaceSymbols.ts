import { SymbolInformation } from 'vscode-languageserver';
import { prepareWorkspaceSymbols, workspaceSymbols as search } from '../../engine/features/workspaceSymbols';
import { locationOf } from '../convert';
import { inSlices } from '../slices';
import { Feature } from './feature';
import { SYMBOL_KINDS } from './documentSymbols';

/** Go to Symbol in Workspace (Ctrl+T): ids and titles across every file; the first search builds the lists in slices. */
export const workspaceSymbols: Feature = ({ connection, workspace }) => {
  connection.onWorkspaceSymbol(async ({ query }, token) => {
    await inSlices((budgetMs) => prepareWorkspaceSymbols(workspace, budgetMs), token, 'Go to Symbol in Workspace');
    return search(workspace, query).flatMap((symbol): SymbolInformation[] => {
      const location = locationOf(workspace, symbol);
      if (!location) return [];
      return [
        {
          // VS Code filters the answer again by the name alone: the title goes in it, so that a title match stays.
          name: symbol.detail ? `${symbol.name} · ${symbol.detail}` : symbol.name,
          kind: SYMBOL_KINDS[symbol.kind],
          location,
          containerName: symbol.container,
        },
      ];
    });
  });
  return { workspaceSymbolProvider: true };
};

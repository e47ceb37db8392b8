import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { OutlineKind, OutlineSymbol, outlineOf } from '../../engine/features/outline';
import { LineIndex } from '../../engine';
import { Feature } from './feature';

/**
 * The symbol kind, and so the icon, of each outline entry: an epic groups items as a package groups modules; a use
 * case is the class its abuse cases (events that happen to it) and their mitigations (what it does about them)
 * belong to; a vendor is an interface to the outside; feedback is a user's words; a template constructs abuse
 * cases; a data class is a record of levels; a baseline capability is a property the product has or lacks.
 */
export const SYMBOL_KINDS: Readonly<Record<OutlineKind, SymbolKind>> = {
  epic: SymbolKind.Package,
  'backlog item': SymbolKind.Module,
  'use case': SymbolKind.Class,
  'abuse case': SymbolKind.Event,
  mitigation: SymbolKind.Method,
  vendor: SymbolKind.Interface,
  feedback: SymbolKind.String,
  template: SymbolKind.Constructor,
  'data class': SymbolKind.Struct,
  capability: SymbolKind.Property,
};

/** The outline of a file as a tree, for the Outline view and the breadcrumbs. */
export const documentSymbols: Feature = ({ connection, workspace }) => {
  connection.onDocumentSymbol(({ textDocument }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const lines = file.lineIndex;
    return outlineOf(file).map((symbol) => toDocumentSymbol(symbol, lines));
  });
  return { documentSymbolProvider: { label: 'abuse-cases' } };
};

function toDocumentSymbol(symbol: OutlineSymbol, lines: LineIndex): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KINDS[symbol.kind],
    range: lines.rangeOf(symbol.range),
    selectionRange: lines.rangeOf(symbol.selectionRange),
    children: symbol.children.map((child) => toDocumentSymbol(child, lines)),
  };
}

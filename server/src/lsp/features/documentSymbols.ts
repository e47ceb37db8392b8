import { DocumentSymbol, Range, SymbolKind } from 'vscode-languageserver';
import { OutlineKind, OutlineSymbol, outlineOf } from '../../engine/features/outline';
import { LineIndex } from '../../engine';
import { listJson, writtenFromKeptJson } from '../keptJson';
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
    const symbols = outlineOf(file).map((symbol) => keptDocumentSymbol(symbol, lines));
    return writtenFromKeptJson(symbols, (answer) => listJson(answer, symbolJson));
  });
  return { documentSymbolProvider: { label: 'abuse-cases' } };
};

/**
 * The LSP symbol of an outline entry, kept with it and the line it started on. The outline keeps the symbols of the use
 * cases an edit left (outline.ts), whose text is unchanged: their lines and characters are the same, or, when the
 * edit added or removed lines above, all their lines are that many further. The big file's outline is 2,600 symbols.
 */
const CONVERTED = new WeakMap<OutlineSymbol, { line: number; symbol: DocumentSymbol }>();

function keptDocumentSymbol(symbol: OutlineSymbol, lines: LineIndex): DocumentSymbol {
  const line = lines.positionAt(symbol.range.start).line;
  const kept = CONVERTED.get(symbol);
  if (kept?.line === line) return kept.symbol;
  const converted = kept ? movedDown(kept.symbol, line - kept.line) : toDocumentSymbol(symbol, lines);
  CONVERTED.set(symbol, { line, symbol: converted });
  return converted;
}

/** A symbol's JSON, kept with it: a kept symbol is the same object as long as it stays where it was. */
const JSON_OF = new WeakMap<DocumentSymbol, Buffer>();

function symbolJson(symbol: DocumentSymbol): Buffer {
  let json = JSON_OF.get(symbol);
  if (!json) JSON_OF.set(symbol, (json = Buffer.from(JSON.stringify(symbol))));
  return json;
}

function movedDown(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  const moved = (range: Range): Range => ({
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  });
  return {
    ...symbol,
    range: moved(symbol.range),
    selectionRange: moved(symbol.selectionRange),
    children: symbol.children?.map((child) => movedDown(child, lines)),
  };
}

/** An outline entry as LSP says it, worked out afresh. */
export function toDocumentSymbol(symbol: OutlineSymbol, lines: LineIndex): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KINDS[symbol.kind],
    range: lines.rangeOf(symbol.range),
    selectionRange: lines.rangeOf(symbol.selectionRange),
    children: symbol.children.map((child) => toDocumentSymbol(child, lines)),
  };
}

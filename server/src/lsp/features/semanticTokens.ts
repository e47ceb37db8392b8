import {
  SemanticTokensBuilder,
  SemanticTokensDeltaRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRefreshRequest,
  SemanticTokensRequest,
} from 'vscode-languageserver';
import {
  SemanticToken,
  semanticTokensOf,
  TOKEN_MODIFIERS,
  TOKEN_TYPES,
  UNRESOLVED,
} from '../../engine/features/semanticTokens';
import { OffsetRange } from '../../engine/text';
import { Feature } from './feature';

/** Which references of a document are unresolved: what another file's change can alter without this one changing. */
const unresolvedOf = (tokens: readonly SemanticToken[]) =>
  tokens.flatMap((token) => (token.modifiers & UNRESOLVED ? [token.start] : [])).join();

/**
 * Semantic tokens (full, delta and range): ids, references resolved or not, CIA dimensions and levels, so that
 * themes colour them beyond the TextMate grammar. The engine gives offsets and legend indexes; this edge encodes
 * them relative to each other, line by line, as LSP wants.
 */
export const semanticTokens: Feature = ({ connection, workspace, documents, onDidAnalyse, clientCapabilities }) => {
  /** Per document the client was sent tokens of: its builder (for deltas), the text and what was unresolved. */
  const sent = new Map<string, { builder: SemanticTokensBuilder; text: string; unresolved: string }>();

  /** Pushes the tokens of `uri` (of `range`, when given) into `builder`; false for a file the workspace lacks. */
  const fill = (builder: SemanticTokensBuilder, uri: string, range?: OffsetRange): boolean => {
    const file = workspace.file(uri);
    if (!file) return false;
    const tokens = semanticTokensOf(workspace, uri, range);
    for (const { start, end, type, modifiers } of tokens) {
      const { line, character } = file.lineIndex.positionAt(start);
      builder.push(line, character, end - start, type, modifiers);
    }
    if (!range) sent.set(uri, { builder, text: file.text, unresolved: unresolvedOf(tokens) });
    return true;
  };

  connection.onRequest(SemanticTokensRequest.type, ({ textDocument }) => {
    const builder = new SemanticTokensBuilder();
    return fill(builder, textDocument.uri) ? builder.build() : { data: [] };
  });
  connection.onRequest(SemanticTokensDeltaRequest.type, ({ textDocument, previousResultId }) => {
    // The builder that gave the previous result diffs against it; without one, the whole tokens go.
    const builder = sent.get(textDocument.uri)?.builder ?? new SemanticTokensBuilder();
    builder.previousResult(previousResultId);
    return fill(builder, textDocument.uri) ? builder.buildEdits() : { data: [] };
  });
  connection.onRequest(SemanticTokensRangeRequest.type, ({ textDocument, range }) => {
    const file = workspace.file(textDocument.uri);
    const builder = new SemanticTokensBuilder();
    if (!file) return { data: [] };
    fill(builder, textDocument.uri, {
      start: file.lineIndex.offsetAt(range.start),
      end: file.lineIndex.offsetAt(range.end),
    });
    return builder.build();
  });

  documents.onDidClose(({ document }) => sent.delete(document.uri));

  // A document whose text did not change may still read differently: another file defined or dropped what it
  // refers to. The client is asked to fetch tokens again then, when it can be (a changed document it fetches itself).
  onDidAnalyse(() => {
    if (clientCapabilities().workspace?.semanticTokens?.refreshSupport !== true) return;
    let stale = false;
    for (const [uri, entry] of sent) {
      if (workspace.file(uri)?.text !== entry.text) continue;
      const unresolved = unresolvedOf(semanticTokensOf(workspace, uri));
      // Once per change: a document the client does not fetch again is not asked about again.
      if (unresolved !== entry.unresolved) [stale, entry.unresolved] = [true, unresolved];
    }
    // A client that fails the request (it closed, or forgot what it said) loses nothing: tokens come on the next fetch.
    if (stale) void connection.sendRequest(SemanticTokensRefreshRequest.type).then(undefined, () => undefined);
  });

  return {
    semanticTokensProvider: {
      legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
      full: { delta: true },
      range: true,
    },
  };
};

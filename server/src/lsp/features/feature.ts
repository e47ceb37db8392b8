import { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../../engine';

export interface FeatureContext {
  connection: Connection;
  workspace: Workspace;
  documents: TextDocuments<TextDocument>;
  /** Registers a listener called after each batch of changed files has been re-analysed and published. */
  onDidAnalyse(listener: () => void): void;
  /** What the client said it supports at `initialize` (empty before): a feature asks before sending it a request. */
  clientCapabilities(): ClientCapabilities;
}

/** One editor feature: registers its handlers and returns the capabilities it adds. */
export type Feature = (context: FeatureContext) => ServerCapabilities;

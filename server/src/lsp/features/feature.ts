import { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../../engine';

export interface FeatureContext {
  connection: Connection;
  workspace: Workspace;
  documents: TextDocuments<TextDocument>;
}

/** One editor feature: registers its handlers and returns the capabilities it adds. */
export type Feature = (context: FeatureContext) => ServerCapabilities;

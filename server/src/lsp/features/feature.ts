import { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from '../../engine';
import { EditorSettings } from '../editorSettings';

export interface FeatureContext {
  connection: Connection;
  workspace: Workspace;
  documents: TextDocuments<TextDocument>;
  /** Registers a listener called after each batch of changed files has been re-analysed and published. */
  onDidAnalyse(listener: () => void): void;
  /** What the editor said it supports at `initialize` (empty before). */
  clientCapabilities(): ClientCapabilities;
  /** The editor's settings of what the features show; every feature on until the editor says otherwise. */
  editorSettings(): EditorSettings;
  /** Registers a listener called after those settings changed. */
  onDidChangeEditorSettings(listener: () => void): void;
}

/** One editor feature: registers its handlers and returns the capabilities it adds. */
export type Feature = (context: FeatureContext) => ServerCapabilities;

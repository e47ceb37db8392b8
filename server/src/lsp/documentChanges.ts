import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../engine/incrementalParse';

/**
 * The editor's open documents, and for each the change the editor described since the engine last read it, when it
 * was one: the engine's re-parse starts from that change instead of comparing the new text with the one before (a
 * walk of both, 400 KB for a large file, on every keystroke). Several changes before a read (a burst of typing, a
 * multi-cursor edit) leave none: the engine then compares.
 */
export class DocumentChanges {
  readonly documents: TextDocuments<TextDocument>;
  /** Per uri: the one change since the last `take`, or `several`. */
  private readonly unread = new Map<string, TextChange | 'several'>();

  constructor() {
    this.documents = new TextDocuments({
      create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
      update: (document, changes, version) => {
        this.note(document, changes);
        return TextDocument.update(document, changes, version);
      },
    });
  }

  /** The change since the last call, if the editor described it in one; forgotten once taken. */
  take(uri: string): TextChange | undefined {
    const change = this.unread.get(uri);
    this.unread.delete(uri);
    return change === 'several' ? undefined : change;
  }

  private note(document: TextDocument, changes: Parameters<typeof TextDocument.update>[1]): void {
    const [only] = changes;
    if (this.unread.has(document.uri) || changes.length !== 1 || !('range' in only)) {
      this.unread.set(document.uri, 'several');
      return;
    }
    // Offsets in the text before the change, which `document` still holds.
    this.unread.set(document.uri, {
      start: document.offsetAt(only.range.start),
      oldEnd: document.offsetAt(only.range.end),
      inserted: only.text,
    });
  }
}

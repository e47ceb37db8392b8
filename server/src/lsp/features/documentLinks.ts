import { documentLinksOf } from '../../engine/features/documentLinks';
import { Feature } from './feature';

/** Control tags open their public pages (ASVS, NIST SP 800-53, GDPR, CAPEC, CWE); `template:` its catalog entry. */
export const documentLinks: Feature = ({ connection, workspace }) => {
  connection.onDocumentLinks(({ textDocument }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    return documentLinksOf(workspace, textDocument.uri).map(({ range, target, tooltip }) => ({
      range: file.lineIndex.rangeOf(range),
      target,
      tooltip,
    }));
  });
  // Every link's target is known when the document is read: nothing is left to resolve.
  return { documentLinkProvider: { resolveProvider: false } };
};

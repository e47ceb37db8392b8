import { ClientCapabilities } from 'vscode-languageserver';
import { FeatureContext } from './feature';

/** How long changes settle before the editor is asked for lenses or hints again: once per burst of typing. */
const REFRESH_DEBOUNCE_MS = 150;

/**
 * Asks the editor to request a feature's results again (`workspace/codeLens/refresh`, `workspace/inlayHint/refresh`)
 * after files were analysed or the settings changed: an edit of another file changes what a visible file shows. Only
 * when the editor says it can take the request.
 */
export function refreshOnChanges(
  { onDidAnalyse, onDidChangeEditorSettings, clientCapabilities }: FeatureContext,
  supported: (capabilities: ClientCapabilities) => boolean | undefined,
  refresh: () => Promise<unknown>,
): void {
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    if (!supported(clientCapabilities())) return;
    clearTimeout(timer);
    // An editor that fails the request (it closed meanwhile) loses nothing: the next change asks again.
    timer = setTimeout(() => void refresh().catch(() => undefined), REFRESH_DEBOUNCE_MS);
  };
  onDidAnalyse(later);
  onDidChangeEditorSettings(later);
}

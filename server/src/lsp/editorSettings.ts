import { ALL_INLAY_HINTS, InlayHintKinds } from '../engine/features/inlayHints';

/** The editor's settings that change what the editor features show: `abuseCases.codeLens.*`, `abuseCases.inlayHints.*`. */
export interface EditorSettings {
  codeLens: boolean;
  inlayHints: InlayHintKinds;
}

/** Every lens and hint on: what an editor that sends no settings gets. */
export const DEFAULT_EDITOR_SETTINGS: EditorSettings = { codeLens: true, inlayHints: ALL_INLAY_HINTS };

/** The settings from the `abuseCases.codeLens` and `abuseCases.inlayHints` sections; anything but `false` is on. */
export function editorSettingsOf(codeLens: unknown, inlayHints: unknown): EditorSettings {
  const on = (section: unknown, key: string) => (section as Record<string, unknown> | null)?.[key] !== false;
  return {
    codeLens: on(codeLens, 'enabled'),
    inlayHints: {
      backlogReferences: on(inlayHints, 'backlogReferences'),
      dataClasses: on(inlayHints, 'dataClasses'),
      templates: on(inlayHints, 'templates'),
    },
  };
}

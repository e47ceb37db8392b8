/**
 * What the launcher (run.ts, in Node) and the code it starts in VS Code's extension host
 * (suite/, screenshots/) agree on. No `vscode` import: both sides load this file.
 */

/**
 * Prefixed to every line the extension host prints during a run. In test mode VS Code passes the
 * extension host's console to the page's console through its log service, mixed with the
 * workbench's own log lines; the launcher prints the lines that carry this marker.
 */
export const CONSOLE_MARKER = '\u2063[ext-host]\u2063 ';

/** The environment variable that names the folder where scenes are handed over (screenshot mode only). */
export const SCENES_FOLDER_ENV = 'ABUSE_CASES_SCENES_FOLDER';

/** The content of `<scene>.ready`, written by the extension host when a scene is set up. */
export interface SceneReady {
  /** A CSS selector the launcher waits for (visible) before it takes the screenshot. */
  selector?: string;
}

/** `<scene>.ready` from the extension host, `<scene>.taken` (empty, or the error) from the launcher. */
export const sceneFiles = (scene: string) => ({ ready: `${scene}.ready`, taken: `${scene}.taken` });

import { promises as fs, watch } from 'fs';
import * as path from 'path';

/**
 * What the launcher (run.ts, in Node) and the code it starts in VS Code's extension host
 * (suite/, screenshots/) agree on. No `vscode` import: both sides load this file.
 */

/**
 * Prefixed to each line of mocha's reporter in the extension host. In test mode VS Code passes the
 * extension host's console to the page's console through its log service, mixed with the
 * workbench's own log lines; the launcher prints the lines that carry this marker.
 */
export const CONSOLE_MARKER = '\u2063[mocha]\u2063 ';

/**
 * The environment variable that names the folder where the extension host hands steps over to the
 * launcher: the scenes of the screenshots, and the keys a test types as a person does.
 */
export const SCENES_FOLDER_ENV = 'ABUSE_CASES_SCENES_FOLDER';

/** What the launcher does, in order, before it takes a scene's screenshot. */
export type SceneStep =
  /** Wait until an element matching this selector (CSS, or Playwright's `:has-text()`) is visible. */
  | { waitFor: string }
  /** Press a key in the page, as Playwright spells it (`Control+Space`). */
  | { press: string }
  /** Type text in the page, a key at a time. */
  | { type: string }
  /** Click (or double-click) the first visible element matching this selector. */
  | { click: string; double?: boolean }
  /** Move the mouse over the first visible element matching this selector. */
  | { hover: string };

/** The content of `<scene>.ready`, written by the extension host when a scene is set up. */
export interface SceneReady {
  steps: SceneStep[];
  /** Save a screenshot after the steps (screenshot mode); false when a test only plays keys. */
  screenshot?: boolean;
}

/** `<scene>.ready` from the extension host, `<scene>.taken` (empty, or the error) from the launcher. */
export const sceneFiles = (scene: string) => ({ ready: `${scene}.ready`, taken: `${scene}.taken` });

/** Writes `name` in `folder` so that a watcher never sees it half-written (a rename is atomic). */
export async function handOver(folder: string, name: string, content: string): Promise<void> {
  const partial = path.join(folder, `.${name}.partial`);
  await fs.writeFile(partial, content);
  await fs.rename(partial, path.join(folder, name));
}

/** Resolves with the content of `folder/name` once it exists; rejects after `ms`. */
export function waitForFile(folder: string, name: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const target = path.join(folder, name);
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      watcher.close();
      finish();
    };
    const check = () =>
      fs.readFile(target, 'utf8').then(
        (content) => settle(() => resolve(content)),
        () => undefined,
      );
    const timer = setTimeout(
      () => settle(() => reject(new Error(`timed out after ${ms} ms waiting for ${target}`))),
      ms,
    );
    const watcher = watch(folder, (_event, changed) => {
      if (changed?.toString() === name) void check();
    });
    void check();
  });
}

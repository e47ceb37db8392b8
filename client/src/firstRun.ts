import {
  commands,
  Disposable,
  Event,
  EventEmitter,
  ExtensionContext,
  RelativePattern,
  Uri,
  window,
  workspace,
} from 'vscode';
import { CONFIG_FILE_NAME, STARTER_CONFIG_TEXT } from './starterConfig';

export const WALKTHROUGH_ID = 'abuse-cases.abuse-cases#abuseCases.gettingStarted';
export const CREATE_CONFIG_COMMAND = 'abuseCases.createConfiguration';
const WALKTHROUGH_SHOWN_KEY = 'abuseCases.walkthroughShown';

/**
 * The first time the extension starts in a workspace with use-case files, it opens its walkthrough
 * (once per workspace, remembered in the workspace state; `abuseCases.welcome.openWalkthrough` turns it off).
 */
export async function openWalkthroughOnce(context: ExtensionContext): Promise<boolean> {
  if (context.workspaceState.get<boolean>(WALKTHROUGH_SHOWN_KEY)) return false;
  if (!workspace.getConfiguration('abuseCases.welcome').get<boolean>('openWalkthrough', true)) return false;
  const useCaseFiles = await workspace.findFiles('**/*.usecase.yaml', '**/node_modules/**', 1);
  if (useCaseFiles.length === 0) return false;
  await context.workspaceState.update(WALKTHROUGH_SHOWN_KEY, true);
  await commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  return true;
}

/** Whether the first workspace folder has an `abuse-cases.config.yaml` (the one the server applies), kept up to date. */
export interface ConfigFile extends Disposable {
  readonly exists: boolean;
  readonly onDidChange: Event<void>;
}

export function watchConfigFile(): ConfigFile {
  const changed = new EventEmitter<void>();
  const folder = workspace.workspaceFolders?.[0];
  let exists = false;
  const check = async () => {
    const now = folder ? await fileExists(Uri.joinPath(folder.uri, CONFIG_FILE_NAME)) : false;
    if (now !== exists) {
      exists = now;
      changed.fire();
    }
  };
  const watcher = folder ? workspace.createFileSystemWatcher(new RelativePattern(folder, CONFIG_FILE_NAME)) : undefined;
  const subscriptions = watcher ? [watcher, watcher.onDidCreate(check), watcher.onDidDelete(check)] : [];
  void check();
  return {
    get exists() {
      return exists;
    },
    onDidChange: changed.event,
    dispose: () => Disposable.from(changed, ...subscriptions).dispose(),
  };
}

/** Writes a commented starter configuration at the root of the first workspace folder (unless one is there) and opens it. */
export async function createConfiguration(): Promise<void> {
  if (!(await openAtRoot(CONFIG_FILE_NAME, STARTER_CONFIG_TEXT))) {
    void window.showInformationMessage(`Open a folder first: ${CONFIG_FILE_NAME} goes at its root.`);
  }
}

/** Whether a file exists (stat succeeds). */
export function fileExists(uri: Uri): Thenable<boolean> {
  return workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/**
 * Opens `name` at the root of the first workspace folder, writing `text` there first unless the file exists
 * (a file the user already has is never overwritten). False when no folder is open.
 */
export async function openAtRoot(name: string, text: string): Promise<boolean> {
  const folder = workspace.workspaceFolders?.[0];
  if (!folder) return false;
  const target = Uri.joinPath(folder.uri, name);
  if (!(await fileExists(target))) await workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await window.showTextDocument(target);
  return true;
}

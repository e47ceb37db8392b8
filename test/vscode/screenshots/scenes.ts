/**
 * The screenshots of the docs (docs/images/<name>.png, 1280x800), one entry of SCENES each.
 * A scene sets the workbench up from the extension host (open a file, place the cursor, trigger a
 * widget), then hands over to the launcher (../run.ts), which plays the scene's steps in the page
 * (wait for an element, press a key, move the mouse over an element) and takes the screenshot.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { handOver, SceneReady, sceneFiles, SCENES_FOLDER_ENV, waitForFile } from '../shared';
import type { Row } from '../../../client/src/coverageView';
import type { AbuseCasesApi } from '../../../client/src/extension';
import {
  closeAllEditorsDiscardingChanges,
  codeOf,
  EXTENSION_ID,
  hasFinding,
  openWorkspaceFile,
  positionOf,
  waitForFindings,
  waitUntil,
} from '../suite/helpers';

interface Scene extends SceneReady {
  /** The image: docs/images/<name>.png. */
  name: string;
  /** Sets the scene up in the workbench; the launcher then plays `steps` and takes the screenshot. */
  setUp(): Promise<void>;
}

const SCENE_TIMEOUT_MS = 30_000;

/** Puts the cursor at `position` in the middle of the editor. */
function placeCursor(editor: vscode.TextEditor, position: vscode.Position): void {
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}

const SCENES: Scene[] = [
  {
    name: 'editor-diagnostics',
    async setUp() {
      const editor = await openWorkspaceFile('billing.usecase.yaml');
      const findings = await waitForFindings(editor.document.uri, hasFinding('cia-uncovered'), 'cia-uncovered');
      placeCursor(editor, findings.find((d) => codeOf(d) === 'cia-uncovered')!.range.start.with({ character: 0 }));
    },
    // The mouse over the squiggle shows the finding (with its quick fix) and the server's hover of the data class.
    steps: [
      { hover: '.monaco-editor .squiggly-warning' },
      { waitFor: '.monaco-editor .monaco-hover .hover-row:has-text("Integrity is required")' },
      { waitFor: '.monaco-editor .monaco-hover .hover-row.status-bar:has-text("Quick Fix")' },
    ],
  },
  {
    name: 'completion',
    async setUp() {
      const editor = await openWorkspaceFile('billing.usecase.yaml');
      const next = positionOf(editor.document, '      - id: AB-card-numbers-logged');
      assert.ok(await editor.edit((edit) => edit.insert(next, '      - \n')));
      placeCursor(editor, next.translate(0, '      - '.length));
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
    },
    // Control+Space opens the details of the selected completion: why it is suggested, and the template.
    steps: [
      { waitFor: '.monaco-editor .suggest-widget .monaco-list-row' },
      { press: 'Control+Space' },
      { waitFor: '.monaco-editor .suggest-details' },
    ],
  },
  {
    name: 'sidebar',
    async setUp() {
      const extension = vscode.extensions.getExtension<AbuseCasesApi>(EXTENSION_ID)!;
      const api = extension.isActive ? extension.exports : await extension.activate();
      const editor = await openWorkspaceFile('billing.usecase.yaml');
      placeCursor(editor, positionOf(editor.document, 'UC-subscribe'));
      await vscode.commands.executeCommand('abuseCases.coverage.focus');
      // Narrowing the editor widens the sidebar: enough for the CIA badges and the start of the titles.
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      for (let step = 0; step < 6; step++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      const { provider, view } = api.sidebar;
      const subscribe = await waitUntil(
        api.sidebar.onDidUpdate,
        async () => (await provider.allRows()).find((row: Row) => row.id.endsWith('/u:UC-subscribe')),
        'the UC-subscribe row',
      );
      // The epic, its story and the use case open, with the abuse cases of the use case in view.
      await view.reveal(subscribe, { select: true, focus: true, expand: 1 });
    },
    // The tree shows the CIA badges; the use case with its uncovered integrity is selected.
    steps: [{ waitFor: '.monaco-list-row.selected:has-text("UC-subscribe")' }],
  },
  {
    name: 'lenses-and-hints',
    async setUp() {
      const editor = await openWorkspaceFile('billing.usecase.yaml');
      const reference = positionOf(editor.document, 'RM-401');
      // The hints of the lines in view, asked as the editor asks them: the scene waits until the server has them.
      await waitUntil(
        vscode.languages.onDidChangeDiagnostics,
        async () =>
          (
            (await vscode.commands.executeCommand<vscode.InlayHint[]>(
              'vscode.executeInlayHintProvider',
              editor.document.uri,
              new vscode.Range(0, 0, 40, 0),
            )) ?? []
          ).length > 0,
        'the inlay hints of billing.usecase.yaml',
      );
      placeCursor(editor, reference.with({ character: 0 }));
      // The editor alone, wide enough for the hints at the end of the lines.
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    },
    // The use case's lens (its CIA state and open abuse cases) above it, and the status and sprint after RM-401.
    steps: [{ waitFor: '.monaco-editor .codelens-decoration:has-text("abuse cases")' }],
  },
];

/** Sets the scene up, hands it over to the launcher and waits until it has been photographed. */
async function photograph(scene: Scene, folder: string): Promise<void> {
  await scene.setUp();
  const ready: SceneReady = { steps: scene.steps };
  await handOver(folder, sceneFiles(scene.name).ready, JSON.stringify(ready));
  const problem = await waitForFile(folder, sceneFiles(scene.name).taken, SCENE_TIMEOUT_MS);
  assert.strictEqual(problem, '', problem);
}

describe('screenshots', () => {
  const folder = process.env[SCENES_FOLDER_ENV];
  before(function () {
    if (!folder)
      throw new Error(
        `${SCENES_FOLDER_ENV} is not set: run the scenes with \`node out/test/vscode/run.js --screenshots\``,
      );
  });
  afterEach(closeAllEditorsDiscardingChanges);

  for (const scene of SCENES) {
    it(scene.name, () => photograph(scene, folder!));
  }
});

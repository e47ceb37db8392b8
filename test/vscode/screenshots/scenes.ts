/**
 * The screenshots of the docs (docs/images/<name>.png, 1280x800), one entry of SCENES each.
 * A scene sets the workbench up from the extension host (open a file, place the cursor, trigger a
 * widget), then hands over to the launcher (../run.ts), which plays the scene's steps in the page
 * (wait for the widget, press a key) and takes the screenshot.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { handOver, SceneReady, sceneFiles, SCENES_FOLDER_ENV, waitForFile } from '../shared';
import { closeAllEditorsDiscardingChanges, codeOf, hasFinding, openWorkspaceFile, positionOf, waitForFindings } from '../suite/helpers';

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
    steps: [{ waitFor: '.monaco-editor .suggest-widget .monaco-list-row' }, { press: 'Control+Space' }, { waitFor: '.monaco-editor .suggest-details' }],
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
    if (!folder) throw new Error(`${SCENES_FOLDER_ENV} is not set: run the scenes with \`node out/test/vscode/run.js --screenshots\``);
  });
  afterEach(closeAllEditorsDiscardingChanges);

  for (const scene of SCENES) {
    it(scene.name, () => photograph(scene, folder!));
  }
});

/** What a product manager meets on the first start: the walkthrough, once, and a status bar that offers a configuration. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AbuseCasesApi } from '../../../client/src/extension';
import { openWalkthroughOnce } from '../../../client/src/firstRun';
import { CONFIG_FILE_NAME, STARTER_CONFIG_TEXT } from '../../../client/src/starterConfig';
import { closeAllEditorsDiscardingChanges, EXTENSION_ID, waitFor, waitForFindings, workspaceFile } from './helpers';

describe('the first start in a workspace', () => {
  let api: AbuseCasesApi;
  before(async () => {
    const extension = vscode.extensions.getExtension<AbuseCasesApi>(EXTENSION_ID)!;
    api = extension.isActive ? extension.exports : await extension.activate();
  });
  afterEach(closeAllEditorsDiscardingChanges);

  it('opened the walkthrough, since the workspace has use-case files; not again once shown, nor when the setting is off', async () => {
    assert.strictEqual(await api.walkthroughOpened, true);
    const remembered = new Map<string, unknown>();
    const context = {
      workspaceState: {
        get: (key: string) => remembered.get(key),
        update: async (key: string, value: unknown) => void remembered.set(key, value),
      },
    };
    const asContext = context as unknown as vscode.ExtensionContext;
    const settings = vscode.workspace.getConfiguration('abuseCases.welcome');
    await settings.update('openWalkthrough', false, vscode.ConfigurationTarget.Global);
    try {
      assert.strictEqual(await openWalkthroughOnce(asContext), false, 'the setting turns it off');
    } finally {
      await settings.update('openWalkthrough', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.strictEqual(await openWalkthroughOnce(asContext), true, 'a workspace that has not seen it yet');
    assert.strictEqual(await openWalkthroughOnce(asContext), false, 'remembered for the workspace');
  });

  it("offers to create the configuration in the status bar's tooltip where there is none, and writes a commented starter file", async () => {
    const tooltipHasOffer = () =>
      /\[Create configuration\]\(command:abuseCases\.createConfiguration/.test(api.sidebar.statusTooltip());
    await waitFor(
      api.sidebar.provider.onDidChangeTreeData,
      tooltipHasOffer,
      'the offer in the tooltip',
      undefined,
      () => api.sidebar.statusTooltip(),
    );
    assert.match(api.sidebar.statusTooltip(), /its default thresholds: there is no abuse-cases\.config\.yaml yet/);

    await vscode.commands.executeCommand('abuseCases.createConfiguration');
    const target = workspaceFile(CONFIG_FILE_NAME);
    try {
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), STARTER_CONFIG_TEXT);
      assert.strictEqual(
        vscode.window.activeTextEditor?.document.uri.toString(),
        target.toString(),
        'the new file is open',
      );
      // The starter file is a valid configuration: the server finds nothing in it.
      await waitForFindings(target, (findings) => findings.length === 0, 'no finding in the starter configuration');
      await waitFor(
        api.configFile.onDidChange,
        () => api.configFile.exists && !tooltipHasOffer(),
        'the offer gone once the file exists',
        undefined,
        () => api.sidebar.statusTooltip(),
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(target);
      await waitFor(
        api.configFile.onDidChange,
        () => !api.configFile.exists && tooltipHasOffer(),
        'the offer back once the file is gone',
      );
    }
  });
});

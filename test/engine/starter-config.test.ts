import * as assert from 'assert';
import { CONFIG_FILE_NAME as CLIENT_CONFIG_FILE_NAME, STARTER_CONFIG_TEXT } from '../../client/src/starterConfig';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, projectConfigOf, Workspace } from '../../server/src/engine';
import { parseYamlTree } from '../../server/src/engine/yamlTree';
import { rootShapeOf } from '../../server/src/engine/config';

describe("the starter configuration of 'Create configuration'", () => {
  const uri = `file:///workspace/${CONFIG_FILE_NAME}`;

  it('is named as the server looks for it', () => {
    assert.strictEqual(CLIENT_CONFIG_FILE_NAME, CONFIG_FILE_NAME);
  });

  it('is a valid configuration with no finding, and changes nothing: it spells out the defaults', () => {
    const workspace = new Workspace();
    workspace.set(uri, STARTER_CONFIG_TEXT);
    assert.deepStrictEqual(
      workspace.diagnostics(uri).map((d) => `${d.code}: ${d.message}`),
      [],
    );
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
    assert.deepStrictEqual(
      plain(projectConfigOf(parseYamlTree(STARTER_CONFIG_TEXT, rootShapeOf(uri)))),
      plain(DEFAULT_CONFIG),
    );
  });
});

import * as assert from 'assert';
import { DEFAULT_CONFIG, Workspace } from '../../../server/src/engine';
import { parseFile } from '../../../server/src/engine/workspace';
import { analyse, MAIN_URI } from '../../helpers/engine';

const LINK_OUT = {
  message: 'Not read: this file is a link to a place outside the workspace, and links out of it are not followed.',
  severity: 'information' as const,
};

describe('rule file-not-read', () => {
  it('says once, on the first character, why a file was not read, and nothing else about it', () => {
    const findings = analyse('', {}, undefined, { notRead: LINK_OUT });
    assert.deepStrictEqual(
      findings.map(({ code, severity, message, range }) => ({ code, severity, message, range })),
      [{ code: 'file-not-read', ...LINK_OUT, range: { start: 0, end: 0 } }],
    );
  });

  it('does not fire on a file that was read', () => {
    assert.deepStrictEqual(
      analyse('use_cases: []\n').filter((finding) => finding.code === 'file-not-read'),
      [],
    );
  });

  it('follows the severity the configuration gives it', () => {
    const workspace = new Workspace();
    workspace.configure({ ...DEFAULT_CONFIG, rules: { 'file-not-read': 'error' } });
    workspace.setParsed(parseFile(MAIN_URI, '', { notRead: LINK_OUT }));
    assert.deepStrictEqual(
      workspace.diagnostics(MAIN_URI).map((finding) => finding.severity),
      ['error'],
    );
  });
});

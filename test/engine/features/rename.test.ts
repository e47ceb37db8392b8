import * as assert from 'assert';
import { prepareRenameAt, renameAt } from '../../../server/src/engine/features/rename';
import { atCursor, BACKLOG_URI } from '../../helpers/features';
import { dedent } from '../../helpers/marked';
import { cursorIn, MAIN, PRODUCT } from '../../helpers/product';

/** Renames the id under the cursor and returns every changed file's new text by file name, or the refusal. */
function renamed(source: string, newName: string): Record<string, string> | string | undefined {
  const { workspace, uri, offset } = atCursor(source, PRODUCT);
  const found = renameAt(workspace, uri, offset, newName);
  if (!found || 'refused' in found) return found?.refused;
  const texts: Record<string, string> = {};
  for (const file of found) {
    let text = workspace.file(file.uri)!.text;
    // From the end, so that earlier offsets stay true.
    for (const edit of [...file.edits].reverse())
      text = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
    texts[file.uri.split('/').pop()!] = text;
  }
  return texts;
}

describe('rename', () => {
  it('renames a backlog item in every file, keeping quotes and everything around the ids byte for byte', () => {
    const texts = renamed(cursorIn('[RM-7]', 2), 'RM-70') as Record<string, string>;
    assert.deepStrictEqual(Object.keys(texts), ['backlog.usecase.yaml', 'main.usecase.yaml']);
    assert.strictEqual(
      texts['main.usecase.yaml'],
      dedent(MAIN).replace('backlog: [RM-7]', 'backlog: [RM-70]').replace('["RM-7"]', '["RM-70"]'),
    );
    assert.strictEqual(
      texts['backlog.usecase.yaml'],
      dedent(PRODUCT[BACKLOG_URI]).replace('- id: RM-7\n', '- id: RM-70\n'),
    );
  });

  it("renames the configuration's data class in the four files that write it", () => {
    const texts = renamed(cursorIn('loyalty-points'), 'loyalty-balance') as Record<string, string>;
    assert.deepStrictEqual(Object.keys(texts).sort(), [
      'abuse-cases.config.yaml',
      'backlog.usecase.yaml',
      'main.usecase.yaml',
      'team.abusecatalog.yaml',
    ]);
    for (const text of Object.values(texts)) {
      assert.ok(text.includes('loyalty-balance'));
      assert.ok(!text.includes('loyalty-points'));
    }
  });

  it('renames a release, quoted as written, and quotes a plain id YAML would read as no string', () => {
    const release = 'backlog:\n  - id: RM-9\n    title: Audit log\n    release: "2027.|1"\n';
    const texts = renamed(release, '2027.10') as Record<string, string>;
    assert.strictEqual(texts['main.usecase.yaml'], release.replace('"2027.|1"', '"2027.10"'));
    assert.ok(texts['abuse-cases.config.yaml'].startsWith('current-release: "2027.10"\n'));
    assert.strictEqual(texts['backlog.usecase.yaml'].split('"2027.10"').length, 3);
    const plain = renamed(cursorIn('id: UC-export', 5), 'null') as Record<string, string>;
    assert.ok(plain['main.usecase.yaml'].includes('- id: "null"\n'));
  });

  it('refuses an invalid name, a name already taken by the same kind, and a built-in', () => {
    assert.strictEqual(
      renamed(cursorIn('[RM-7]'), 'RM 7'),
      '`RM 7` is not a valid backlog item, use case or abuse case name: write a letter, then letters, digits, `_`, `.` or `-`.',
    );
    assert.strictEqual(
      renamed(cursorIn('[RM-7]'), 'RM-8'),
      '`RM-8` is already the id of a backlog item, use case or abuse case (in backlog.usecase.yaml): pick a name not taken.',
    );
    assert.strictEqual(
      renamed(cursorIn('access-review'), 'backups'),
      '`backups` is already a built-in capability: pick another name.',
    );
    assert.strictEqual(
      renamed('backlog:\n  - id: RM-9\n    release: "2027.|1"\n  - id: RM-10\n    release: v2\n', 'v2'),
      '`v2` is already a release: renaming would merge the two.',
    );
  });

  it('offers the id inside its quotes, and refuses a built-in before the user types', () => {
    const { workspace, uri, offset, text } = atCursor(cursorIn('"RM-7"', 2), PRODUCT);
    const offered = prepareRenameAt(workspace, uri, offset);
    assert.ok(offered && !('refused' in offered));
    assert.strictEqual(text.slice(offered.range.start, offered.range.end), 'RM-7');
    assert.strictEqual(offered.placeholder, 'RM-7');
    const builtIn = atCursor(cursorIn('[customer-content]', 3, MAIN.replace('[loyalty-points]', '[customer-content]')));
    assert.deepStrictEqual(prepareRenameAt(builtIn.workspace, builtIn.uri, builtIn.offset), {
      refused:
        '`customer-content` is a built-in data class: it cannot be renamed. Define a data class of your own with the name you want, and name that one instead.',
    });
    assert.strictEqual(prepareRenameAt(workspace, uri, text.indexOf('title')), undefined);
  });
});

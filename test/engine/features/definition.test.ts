import * as assert from 'assert';
import { definitionAt } from '../../../server/src/engine/features/definition';
import { atCursor, BACKLOG_FILE, BACKLOG_URI } from '../../helpers/features';
import { dedent } from '../../helpers/marked';

const OTHERS = { [BACKLOG_URI]: BACKLOG_FILE };

/** The text each definition's range covers, in its file. */
function definedAt(source: string): string[] | undefined {
  const { workspace, uri, offset } = atCursor(source, OTHERS);
  return definitionAt(workspace, uri, offset)?.targets.map(({ uri: target, range }) => {
    const text = target === BACKLOG_URI ? dedent(OTHERS[BACKLOG_URI]) : workspace.file(uri)!.text;
    return `${target.split('/').pop()}:${text.slice(range.start, range.end)}`;
  });
}

describe('go to definition', () => {
  it('goes from a backlog reference, a vendor and a source ref to where each is defined, in another file', () => {
    assert.deepStrictEqual(
      definedAt('use_cases:\n  - id: UC-1\n    title: Export\n    actor: Member\n    backlog: [RM-|7]\n'),
      ['backlog.usecase.yaml:RM-7'],
    );
    assert.deepStrictEqual(
      definedAt('use_cases:\n  - id: UC-1\n    title: Export\n    actor: Member\n    vendors: [mai|ler]\n'),
      ['backlog.usecase.yaml:mailer'],
    );
    assert.deepStrictEqual(
      definedAt('backlog:\n  - id: RM-8\n    title: Next\n    source:\n      kind: feedback\n      ref: FB|-12\n'),
      ['backlog.usecase.yaml:FB-12'],
    );
  });

  it('finds nothing on a key, on free text, or for an id no file defines', () => {
    assert.strictEqual(definedAt('use_cases:\n  - id: UC-1\n    tit|le: Export\n'), undefined);
    assert.strictEqual(definedAt('use_cases:\n  - id: UC-1\n    title: Exp|ort\n'), undefined);
    assert.strictEqual(
      definedAt('use_cases:\n  - id: UC-1\n    title: Export\n    actor: Member\n    backlog: [RM-|99]\n'),
      undefined,
    );
  });
});

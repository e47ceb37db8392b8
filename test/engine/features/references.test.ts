import * as assert from 'assert';
import { definitionAt } from '../../../server/src/engine/features/definition';
import { highlightsAt, referencesAt } from '../../../server/src/engine/features/references';
import { Workspace } from '../../../server/src/engine';
import { OffsetRange } from '../../../server/src/engine/text';
import { atCursor, BACKLOG_URI, workspaceWith } from '../../helpers/features';
import { MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';
import { cursorIn, MAIN, PRODUCT } from '../../helpers/product';

/** Each place as `file:line:written text`, so that a failure reads like the files. */
function placesOf(workspace: Workspace, places: readonly { uri: string; range: OffsetRange }[]): string[] {
  return places.map(({ uri, range }) => {
    const text = workspace.file(uri)!.text;
    const line = text.slice(0, range.start).split('\n').length;
    return `${uri.split('/').pop()}:${line}:${text.slice(range.start, range.end)}`;
  });
}

function referencesOf(source: string, includeDefinitions = true): string[] | undefined {
  const { workspace, uri, offset } = atCursor(source, PRODUCT);
  const found = referencesAt(workspace, uri, offset, { includeDefinitions });
  return found && placesOf(workspace, found);
}

describe('find all references', () => {
  it('lists a backlog item where it is defined and everywhere a use case or a mitigation names it', () => {
    assert.deepStrictEqual(referencesOf(cursorIn('[RM-7]')), [
      'backlog.usecase.yaml:9:RM-7',
      'main.usecase.yaml:5:RM-7',
      'main.usecase.yaml:15:"RM-7"',
    ]);
    assert.deepStrictEqual(referencesOf(cursorIn('[RM-7]'), false), [
      'main.usecase.yaml:5:RM-7',
      'main.usecase.yaml:15:"RM-7"',
    ]);
  });

  it('follows a template into the team catalog, and its family to the configured capability', () => {
    assert.deepStrictEqual(referencesOf(cursorIn('export-scraping', 3)), [
      'main.usecase.yaml:11:export-scraping',
      'team.abusecatalog.yaml:2:export-scraping',
    ]);
    assert.deepStrictEqual(referencesOf(cursorIn('access-review', 13)), [
      'abuse-cases.config.yaml:9:access-review',
      'backlog.usecase.yaml:17:access-review',
      'main.usecase.yaml:16:access-review',
      'team.abusecatalog.yaml:5:access-review',
    ]);
  });

  it("finds the configuration's data class, and a release wherever items ship in it", () => {
    assert.deepStrictEqual(referencesOf(cursorIn('loyalty-points')), [
      'abuse-cases.config.yaml:3:loyalty-points',
      'backlog.usecase.yaml:7:loyalty-points',
      'main.usecase.yaml:6:loyalty-points',
      'team.abusecatalog.yaml:6:loyalty-points',
    ]);
    const release = 'backlog:\n  - id: RM-9\n    title: Audit log\n    release: "2027.|1"\n';
    assert.deepStrictEqual(referencesOf(release), [
      'abuse-cases.config.yaml:1:"2027.1"',
      'backlog.usecase.yaml:11:"2027.1"',
      'backlog.usecase.yaml:18:"2027.1"',
      'main.usecase.yaml:4:"2027.1"',
    ]);
  });

  it('finds nothing on a key, on free text, in an empty file or in YAML that does not parse', () => {
    assert.strictEqual(referencesOf(cursorIn('title: Export', 2)), undefined);
    assert.strictEqual(referencesOf(cursorIn('a roadmap', 2)), undefined);
    assert.strictEqual(referencesOf('|'), undefined);
    assert.strictEqual(referencesOf('use_cases:\n  - id: [UC-|1\n    backlog: {RM-7\n'), undefined);
  });
});

describe('document highlights', () => {
  it('marks the id under the cursor in this file: the definition as a write, references as reads', () => {
    const source = `
      backlog:
        - id: RM-|1
          title: Epic
        - id: RM-2
          title: Child
          parent: RM-1
      use_cases:
        - id: UC-1
          title: Sign in
          actor: Member
          backlog: [RM-2, RM-1]
    `;
    const { workspace, uri, offset, text } = atCursor(source);
    const found = highlightsAt(workspace, uri, offset).map(
      ({ range, role }) => `${text.slice(0, range.start).split('\n').length}:${role}`,
    );
    assert.deepStrictEqual(found, ['2:definition', '6:reference', '11:reference']);
  });
});

describe('go to definition of any id', () => {
  function definedAt(source: string): string[] | undefined {
    const { workspace, uri, offset } = atCursor(source, PRODUCT);
    const found = definitionAt(workspace, uri, offset);
    return found && placesOf(workspace, found.targets);
  }

  it("goes to a configured data class and capability, and to a use case an abuse case's source names", () => {
    assert.deepStrictEqual(definedAt(cursorIn('loyalty-points')), ['abuse-cases.config.yaml:3:loyalty-points']);
    assert.deepStrictEqual(definedAt(cursorIn('access-review')), ['abuse-cases.config.yaml:9:access-review']);
    const withSource = `${MAIN}backlog:\n  - id: RM-10\n    title: Throttle\n    source:\n      kind: security\n      ref: AC-scr|ape\n`;
    assert.deepStrictEqual(definedAt(withSource), ['main.usecase.yaml:9:AC-scrape']);
  });

  it('finds no definition for a built-in data class or a release, which no file defines', () => {
    const builtIn = MAIN.replace('[loyalty-points]', '[customer-content]');
    assert.strictEqual(definedAt(cursorIn('[customer-content]', 1, builtIn)), undefined);
    assert.strictEqual(definedAt('backlog:\n  - id: RM-9\n    title: Audit log\n    release: "2027.|1"\n'), undefined);
  });
});

describe('the index of where ids are written', () => {
  it('stays true through edits, a new file and a deleted one, as a fresh workspace sees them', () => {
    const workspace = workspaceWith(MAIN, PRODUCT);
    const places = (of: Workspace) =>
      placesOf(of, [...of.occurrencesOf('item', 'RM-7'), ...of.occurrencesOf('data-class', 'loyalty-points')]);
    // Built by the first question, then kept up to date by the next ones.
    assert.strictEqual(places(workspace).length, 7);
    const steps: [string, string | undefined][] = [
      [MAIN_URI, dedent(MAIN).replace('backlog: ["RM-7"]', 'backlog: [RM-8]')],
      ['file:///workspace/later.usecase.yaml', 'backlog:\n  - id: RM-11\n    title: Later\n    parent: RM-7\n'],
      [BACKLOG_URI, undefined],
      [MAIN_URI, `${dedent(MAIN)}    data: [loyalty-points]\n`],
    ];
    const now = new Map(Object.entries(PRODUCT).map(([uri, text]) => [uri, dedent(text)]));
    now.set(MAIN_URI, dedent(MAIN));
    for (const [uri, text] of steps) {
      if (text === undefined) {
        workspace.delete(uri);
        now.delete(uri);
      } else {
        workspace.set(uri, text);
        now.set(uri, text);
      }
      const fresh = new Workspace();
      for (const [otherUri, other] of now) fresh.set(otherUri, other);
      assert.deepStrictEqual(places(workspace), places(fresh), `after setting ${uri}`);
    }
  });
});

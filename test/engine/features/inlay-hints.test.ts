import * as assert from 'assert';
import { ALL_INLAY_HINTS, inlayHintsIn, InlayHintKinds } from '../../../server/src/engine/features/inlayHints';
import { projectConfigOf, Workspace } from '../../../server/src/engine';
import { parseFile } from '../../../server/src/engine/workspace';
import { BACKLOG_URI, TEAM_CATALOG_URI, workspaceWith } from '../../helpers/features';
import { MAIN_URI } from '../../helpers/engine';
import { dedent, marked } from '../../helpers/marked';
import { CONFIG_URI, MAIN, PRODUCT } from '../../helpers/product';

/** The product's backlog with a sprint and a status on RM-8. */
const OTHERS = {
  ...PRODUCT,
  [BACKLOG_URI]: PRODUCT[BACKLOG_URI].replace(
    'title: Nightly backups\n',
    'title: Nightly backups\n        status: in-progress\n        sprint: 45\n',
  ),
};

const TEXT = `${MAIN}      - id: AC-stuff
        title: Replay leaked passwords
        template: credential-stuffing
        threatens: [confidentiality]
        mitigations:
          - title: Check passwords against breaches
            backlog: [RM-8, RM-404, AC-scrape]
`;

/** The workspace of the product, with its configuration applied (its data class). */
function product(text = TEXT): Workspace {
  const workspace = workspaceWith(text, OTHERS);
  workspace.configure(projectConfigOf(parseFile(CONFIG_URI, dedent(OTHERS[CONFIG_URI])).tree));
  return workspace;
}

/** The lines of the file that get hints, each hint written where it shows, as `⟨label⟩`. */
function hinted(workspace: Workspace, uri: string, kinds?: InlayHintKinds, range?: { start: number; end: number }) {
  const text = workspace.file(uri)!.text;
  const hints = inlayHintsIn(workspace, uri, range ?? { start: 0, end: text.length }, kinds);
  let shown = text;
  for (const hint of [...hints].reverse())
    shown = `${shown.slice(0, hint.offset)}⟨${hint.label}⟩${shown.slice(hint.offset)}`;
  return shown
    .split('\n')
    .filter((line) => line.includes('⟨'))
    .map((line) => line.trim());
}

describe('inlay hints', () => {
  it('writes after a backlog reference its status and sprint, after a data class its levels, after a template its title', () => {
    assert.deepStrictEqual(hinted(product(), MAIN_URI), [
      'backlog: [RM-7⟨· todo⟩]',
      'data: [loyalty-points⟨· C medium · I high · A low⟩]',
      'template: export-scraping⟨· Scraping through the export⟩',
      'backlog: ["RM-7"⟨· todo⟩]',
      'template: credential-stuffing⟨· Attackers take over accounts by replaying passwords leaked from other sites⟩',
      'backlog: [RM-8⟨· in-progress · Sprint 45⟩, RM-404, AC-scrape]',
    ]);
  });

  it('hints data classes in the other files too: a vendor, a template, and leaves out a level of none', () => {
    const workspace = product();
    workspace.set(BACKLOG_URI, dedent(OTHERS[BACKLOG_URI]).replace('receives: [loyalty-points]', 'receives: [public]'));
    assert.deepStrictEqual(hinted(workspace, BACKLOG_URI), ['receives: [public⟨· I medium · A low⟩]']);
    assert.deepStrictEqual(hinted(workspace, TEAM_CATALOG_URI), [
      'data: [loyalty-points⟨· C medium · I high · A low⟩]',
    ]);
  });

  it('gives only the hints of the requested range, and of the kinds turned on', () => {
    const workspace = product();
    const { ranges } = marked(TEXT.replace('template: export-scraping', '⟦template: export-scraping⟧'));
    assert.deepStrictEqual(hinted(workspace, MAIN_URI, ALL_INLAY_HINTS, ranges[0]), [
      'template: export-scraping⟨· Scraping through the export⟩',
    ]);
    assert.deepStrictEqual(
      hinted(workspace, MAIN_URI, { ...ALL_INLAY_HINTS, templates: false, backlogReferences: false }),
      ['data: [loyalty-points⟨· C medium · I high · A low⟩]'],
    );
  });

  it('follows other files: a sprint set on the item shows at once', () => {
    const workspace = product();
    workspace.set(
      BACKLOG_URI,
      dedent(OTHERS[BACKLOG_URI]).replace(
        'title: Export as PDF\n',
        'title: Export as PDF\n    status: done\n    sprint: Sprint 44\n',
      ),
    );
    assert.deepStrictEqual(hinted(workspace, MAIN_URI).slice(0, 1), ['backlog: [RM-7⟨· done · Sprint 44⟩]']);
  });

  it('gives nothing for an empty file, a flow map, half-typed YAML or a file that is not YAML', () => {
    for (const text of [
      '',
      '{use_cases: [{id: UC-1, backlog: [RM-7]}]}',
      'use_cases:\n  - id: UC-1\n    backlog: [RM-7\n',
      '\u0000: : :',
    ])
      assert.doesNotThrow(() => inlayHintsIn(product(text), MAIN_URI, { start: 0, end: text.length }), text);
    assert.deepStrictEqual(inlayHintsIn(product(''), MAIN_URI, { start: 0, end: 0 }), []);
    assert.deepStrictEqual(
      inlayHintsIn(product(''), 'file:///workspace/absent.usecase.yaml', { start: 0, end: 9 }),
      [],
    );
  });
});

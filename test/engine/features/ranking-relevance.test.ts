import * as assert from 'assert';
import { rankTemplates } from '../../../server/src/engine/features/ranking';
import { MAIN_URI, TODAY } from '../../helpers/engine';
import { workspaceWith } from '../../helpers/features';
import { dedent } from '../../helpers/marked';
import { RELEVANCE_TABLE, RelevanceRow } from './ranking-relevance.table';

/** The 1-based rank of the first acceptable template, or Infinity when none is offered. */
function firstAcceptableRank(row: RelevanceRow): { rank: number; top: string } {
  const workspace = workspaceWith(dedent(row.source));
  const useCase = workspace.file(MAIN_URI)!.model.useCases[0];
  const ranked = rankTemplates(useCase, workspace.catalog(), workspace.dataClasses, {
    dimension: row.dimension,
    today: TODAY,
  });
  const index = ranked.findIndex((entry) => row.acceptable.includes(entry.template.id));
  return { rank: index < 0 ? Infinity : index + 1, top: ranked[0]?.template.id ?? '(none)' };
}

/**
 * The share of rows whose first suggestion must be acceptable: issue 13's
 * 90 %, over every row of the table. The rows are not to be edited to meet
 * it; a miss is a finding about the catalog or the ranking. The test prints
 * the rows the weights were tuned on, those written after tuning, and those
 * written after the catalog was improved for the misses, apart.
 */
const MINIMUM_HIT_RATE = 0.9;

interface Result {
  row: RelevanceRow;
  rank: number;
  top: string;
}

function summaryOf(results: readonly Result[]): { hits: number; text: string } {
  const hits = results.filter((result) => result.rank === 1).length;
  const mrr = results.reduce((sum, result) => sum + 1 / result.rank, 0) / results.length;
  return {
    hits,
    text: `top pick acceptable in ${hits} of ${results.length} (${Math.round((100 * hits) / results.length)} %), MRR ${mrr.toFixed(2)}`,
  };
}

describe('rankTemplates on use cases from different products (held-out table)', () => {
  const results: Result[] = RELEVANCE_TABLE.map((row) => ({ row, ...firstAcceptableRank(row) }));
  const { hits, text: summary } = summaryOf(results);

  it('names only templates of the catalog, for products that differ', () => {
    const ids = new Set(
      workspaceWith('')
        .catalog()
        .map((template) => template.id),
    );
    for (const row of RELEVANCE_TABLE) for (const id of row.acceptable) assert.ok(ids.has(id), `${row.product}: ${id}`);
    assert.ok(RELEVANCE_TABLE.length >= 24);
    assert.strictEqual(new Set(RELEVANCE_TABLE.map((row) => row.product)).size, RELEVANCE_TABLE.length);
  });

  it(`suggests an on-topic template first for at least ${100 * MINIMUM_HIT_RATE} % of them: ${summary}`, () => {
    console.log(`      all rows: ${summary}`);
    console.log(
      `      rows the weights were tuned on: ${summaryOf(results.filter((result) => !result.row.judgedAfterTuning)).text}`,
    );
    console.log(
      `      rows written after tuning: ${summaryOf(results.filter((result) => result.row.judgedAfterTuning)).text}`,
    );
    console.log(
      `      of those, rows written after the catalog was improved: ${summaryOf(results.filter((result) => result.row.judgedAfterCatalogChange)).text}`,
    );
    for (const result of results.filter((entry) => entry.rank !== 1)) {
      console.log(`      miss: ${result.row.product}: first ${result.top}, first acceptable at ${result.rank}`);
    }
    assert.ok(hits >= Math.ceil(MINIMUM_HIT_RATE * results.length), summary);
  });
});

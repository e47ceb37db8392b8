import { version } from '../../../../package.json';
import {
  abuseCaseInsertion,
  Insertion as EngineInsertion,
  mitigationInsertion,
} from '../../engine/features/insertions';
import { LineIndex } from '../../engine';
import { applyEdits } from '../../engine/features/edits';
import {
  addAbuseCaseRequest,
  addMitigationRequest,
  coverageChangedNotification,
  coverageChildrenRequest,
  coverageRequest,
  coverageRevealRequest,
  coverageSummaryRequest,
  coverageTooltipRequest,
  CoverageViewParams,
  Insertion,
  serverInfoRequest,
} from '../../../../shared/protocol';
import type { CoverageModel } from '../../engine/coverageTree';
import { CoverageRows } from '../coverageRows';
import { Feature } from './feature';

/** The longest the coverage work runs before the server answers other requests. */
const COVERAGE_SLICE_MS = 10;

/** How long edits settle before the sidebar is told to refresh: one notification per burst of typing. */
const COVERAGE_DEBOUNCE_MS = 150;

export const coverage: Feature = ({ connection, workspace, onDidAnalyse }) => {
  // The workspace keeps its coverage model up to date (the same object while nothing changed); the
  // sidebar's rows per grouping and filter are built from it once, and again only for a new model.
  const rows = new Map<string, { model: CoverageModel; rows: CoverageRows }>();
  const rowsOf = ({ grouping, openRisksOnly }: CoverageViewParams) => {
    const key = `${grouping}|${openRisksOnly}`;
    const model = workspace.coverage();
    let built = rows.get(key);
    if (built?.model !== model)
      rows.set(
        key,
        (built = {
          model,
          rows: new CoverageRows(model, { grouping, openRisksOnly }, workspace.coverageLookup(model)),
        }),
      );
    return built.rows;
  };

  // The bulk of a coverage answer after indexing (each file's part) is built a slice at a time, yielding between
  // slices, so that hover, completion and diagnostics are answered meanwhile; a file that changes is built again.
  const prepared = async () => {
    while (!workspace.prepareCoverage(COVERAGE_SLICE_MS)) await new Promise((resolve) => setImmediate(resolve));
  };
  const afterPreparing =
    <P, R>(answer: (params: P) => R) =>
    async (params: P) => {
      await prepared();
      return answer(params);
    };

  connection.onRequest(
    coverageRequest,
    afterPreparing(() => workspace.coverage()),
  );
  connection.onRequest(
    coverageSummaryRequest,
    afterPreparing(() => {
      const { summary, gate } = workspace.coverageStatus();
      return {
        summary,
        gate: {
          passed: gate.passed,
          thresholds: gate.thresholds.map(({ offenders, ...verdict }) => ({
            ...verdict,
            offenderCount: offenders.length,
          })),
        },
        empty: summary.useCases === 0 && workspace.coverage().backlog.length === 0,
      };
    }),
  );
  connection.onRequest(
    coverageChildrenRequest,
    afterPreparing((params) => rowsOf(params).children(params.parent, params)),
  );
  connection.onRequest(
    coverageTooltipRequest,
    afterPreparing((params) => rowsOf(params).tooltip(params.id) ?? null),
  );
  connection.onRequest(
    coverageRevealRequest,
    afterPreparing((params) => rowsOf(params).pathAt(params.uri, params.position)),
  );
  connection.onRequest(serverInfoRequest, () => ({ pid: process.pid, version, files: workspace.uris.length }));

  let timer: NodeJS.Timeout | undefined;
  onDidAnalyse(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void connection.sendNotification(coverageChangedNotification), COVERAGE_DEBOUNCE_MS);
  });

  const toLsp = (uri: string, insertion: EngineInsertion | undefined): Insertion => {
    const file = workspace.file(uri);
    if (!file || !insertion) return { edits: [], description: '' };
    return {
      edits: [{ range: file.lineIndex.rangeOf(insertion.edit.range), newText: insertion.edit.newText }],
      description: insertion.description,
      select: new LineIndex(applyEdits(file.text, [insertion.edit])).rangeOf(insertion.select),
    };
  };
  connection.onRequest(addAbuseCaseRequest, ({ uri, id }) => {
    const useCase = workspace.file(uri)?.model.useCases.find((candidate) => candidate.id?.value === id);
    return toLsp(uri, useCase && abuseCaseInsertion(workspace, uri, useCase));
  });
  connection.onRequest(addMitigationRequest, ({ uri, id }) => {
    const abuseCase = workspace
      .file(uri)
      ?.model.useCases.flatMap((useCase) => useCase.abuseCases)
      .find((candidate) => candidate.id?.value === id);
    return toLsp(uri, abuseCase && mitigationInsertion(workspace, uri, abuseCase));
  });
  return {};
};

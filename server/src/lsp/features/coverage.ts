import { CancellationToken } from 'vscode-languageserver';
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
  GateStatus,
  Insertion,
  serverInfoRequest,
} from '../../../../shared/protocol';
import type { CoverageModel } from '../../engine/coverageTree';
import type { GateResult } from '../../engine/gate';
import { releasesOf } from '../../engine/release';
import { answeredModel } from '../coverageJson';
import { CoverageRows } from '../coverageRows';
import { Feature } from './feature';
import { inSlices } from '../slices';

/** How long edits settle before the sidebar is told to refresh: one notification per burst of typing. */
const COVERAGE_DEBOUNCE_MS = 150;

/** The gate as the status bar shows it: each verdict with how many offend, not the offenders. */
function gateStatusOf(gate: GateResult): GateStatus {
  return {
    passed: gate.passed,
    reported: gate.reported,
    thresholds: gate.thresholds.map(({ offenders, ...verdict }) => ({ ...verdict, offenderCount: offenders.length })),
  };
}

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
          rows: new CoverageRows(model, { grouping, openRisksOnly }, workspace.coverageLookup(model), (release) =>
            workspace.releaseVerdict(release),
          ),
        }),
      );
    return built.rows;
  };

  // The bulk of a coverage answer after indexing (each file's part) is built a slice at a time; a file that changes
  // is built again. A request the editor no longer wants (the view was collapsed, the cursor moved on) stops.
  const prepared = (token: CancellationToken) =>
    inSlices((budgetMs) => workspace.prepareCoverage(budgetMs), token, 'The coverage request');
  const whenPrepared = async <R>(token: CancellationToken, answer: () => R): Promise<R> => {
    await prepared(token);
    return answer();
  };
  // A request without params may still come with `params: null`; the token is then the second argument.
  const tokenOf = (args: unknown[]) => args[args.length - 1] as CancellationToken;

  connection.onRequest(coverageRequest, (...args: unknown[]) =>
    // Written from the bytes kept per node where the transport allows (coverageJson.ts).
    whenPrepared(tokenOf(args), () => answeredModel(workspace.coverage())),
  );
  connection.onRequest(coverageSummaryRequest, (...args: unknown[]) =>
    whenPrepared(tokenOf(args), () => {
      const { summary, gate, baselineGaps } = workspace.coverageStatus();
      const release = workspace.config.currentRelease;
      return {
        summary,
        baselineGaps,
        gate: gateStatusOf(gate),
        empty: summary.useCases === 0 && workspace.coverage().backlog.length === 0,
        // The current release's gate reads the whole model: only when a release is named.
        ...(release === undefined
          ? {}
          : {
              release: releasesOf(workspace.coverage()).includes(release)
                ? { name: release, gate: gateStatusOf(workspace.releaseVerdict(release).gate) }
                : { name: release },
            }),
      };
    }),
  );
  connection.onRequest(coverageChildrenRequest, (params, token) =>
    whenPrepared(token, () => rowsOf(params).children(params.parent, params)),
  );
  connection.onRequest(coverageTooltipRequest, (params, token) =>
    whenPrepared(token, () => rowsOf(params).tooltip(params.id) ?? null),
  );
  connection.onRequest(coverageRevealRequest, (params, token) =>
    whenPrepared(token, () => rowsOf(params).pathAt(params.uri, params.position)),
  );
  connection.onRequest(serverInfoRequest, () => ({ pid: process.pid, version, files: workspace.uris.length }));

  // What the last notification told of: a file opened or closed as it is on disk changes no row, and the sidebar
  // is not asked to fetch its rows again (a refresh also races with a reveal under way in VS Code's tree).
  const stamp = () => `${workspace.contentRevision}@${workspace.todayDate}`;
  let announced: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  onDidAnalyse(() => {
    if (stamp() === announced) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      announced = stamp();
      void connection.sendNotification(coverageChangedNotification);
    }, COVERAGE_DEBOUNCE_MS);
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

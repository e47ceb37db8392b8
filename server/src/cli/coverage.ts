import {
  BacklogNode,
  BASELINE_LEGEND,
  BaselineNode,
  CiaMark,
  COVERAGE_STATES,
  CoverageModel,
  STATE_LEGEND,
  UseCaseNode,
  VendorNode,
} from '../engine/coverageTree';
import { formatShare } from '../engine/capacity';
import { DIMENSIONS } from '../engine/format';
import { flattenBacklog, openRisksOf, openRisksOfItem, useCasesOf } from '../engine/backlogTree';
import { coverageLine, loadWorkspace, LoadOptions } from './check';
import { judgedModel } from './releaseOption';
import { coverageHtml } from './coverageHtml';
import { runCoverageSince } from './changeReport';
import { listedAnswers, privacyRowsOf } from '../engine/coverageNodes';
import { EXPIRING_KIND, REVIEW_LEGEND, vendorState } from '../../../shared/coverageStates';
import { escapeMarkdown } from '../engine/markdown';

interface CoverageOptions extends LoadOptions {
  format: 'markdown' | 'json' | 'html';
  /** A git revision: report what the change since it introduced and fixed. */
  base?: string;
  /** Report only this release's backlog items and what they build. */
  release?: string;
}

/** `abuse-cases coverage`: required vs covered vs mitigated per backlog item and per use case, and the open risks. */
export async function runCoverage(paths: string[], options: CoverageOptions): Promise<number> {
  if (options.base !== undefined && options.release !== undefined) {
    process.stderr.write('abuse-cases: coverage takes --base or --release, not both.\n');
    return 2;
  }
  if (options.base !== undefined) return runCoverageSince(paths, { ...options, base: options.base });
  const loaded = await loadWorkspace(paths, options);
  if (typeof loaded === 'number') return loaded;
  const model = judgedModel(loaded.workspace, options.release);
  if (typeof model === 'number') return model;
  const title = options.release === undefined ? undefined : `Security coverage of release ${options.release}`;
  if (options.format === 'json') {
    // Locations point into the editor's files; the report keeps ids, states and marks.
    process.stdout.write(
      `${JSON.stringify(model, (key, value) => (key === 'location' || key === 'files' ? undefined : value), 2)}\n`,
    );
    return 0;
  }
  if (options.format === 'html') {
    process.stdout.write(coverageHtml(model, { title }));
    return 0;
  }
  process.stdout.write(coverageMarkdown(model, title));
  return 0;
}

/** `✗ **not thought of** · high`, `! open · medium`, `✓✓ verified · high`, `–` (the legend below says what each means). */
const cell = (mark: CiaMark) => {
  if (mark.state === 'not-required') return STATE_LEGEND['not-required'].mark;
  const { mark: symbol, word } = STATE_LEGEND[mark.state];
  return `${symbol} ${mark.state === 'uncovered' ? `**${word}**` : word} · ${mark.level}`;
};
/** User text in a table cell: one line (a line break would end the row), and nothing Markdown or HTML would interpret. */
const escape = (text: string) => escapeMarkdown(text.replace(/\s*[\r\n]+\s*/g, ' '));
const escapeAll = (texts: string[]) => texts.map(escape).join(', ');

const answersCell = (node: BaselineNode) => {
  const { shown, more } = listedAnswers(node);
  return shown.length ? `${escapeAll(shown)}${more ? ` and ${more} more` : ''}` : '–';
};
/** `✓ answered · verified`, `✗ **not answered**`. */
const baselineCell = (node: BaselineNode) => {
  const { mark, word } = BASELINE_LEGEND[node.status];
  if (node.status === 'gap') return `${mark} **${word}**`;
  return `${mark} ${word}${node.status === 'answered' && node.progress ? ` · ${node.progress}` : ''}`;
};

/** A privacy field a use case with personal data leaves out is a gap (`privacy-unstated`): shown in bold. */
const unstated = (value: string | undefined) => (value === undefined ? '**not stated**' : escape(value));
/** `✓ reviewed`, `! **review lapsed**`, `✗ **not reviewed**`; `– not needed` where it receives nothing confidential. */
const reviewCell = (vendor: VendorNode) => {
  const state = vendorState(vendor);
  if (state === 'not-required') return `${STATE_LEGEND['not-required'].mark} not needed`;
  const { mark, word } = REVIEW_LEGEND[vendor.review.status];
  return state === 'mitigated' ? `${mark} ${word}` : `${mark} **${word}**`;
};

const openRiskIds = (useCases: UseCaseNode[]) => openRisksOf(useCases).map((risk) => risk.id);
const openRiskIdsOfItem = (item: BacklogNode) => openRisksOfItem(item).map((risk) => risk.id);

export function coverageMarkdown(model: CoverageModel, title = 'Security coverage'): string {
  const dimensionHeads = DIMENSIONS.map((d) => d[0].toUpperCase() + d.slice(1));
  const lines = [`# ${escapeMarkdown(title)}`, '', coverageLine(model.summary), ''];
  lines.push(
    '## Backlog items',
    '',
    `| Item | Title | Sprint | Status | ${dimensionHeads.join(' | ')} | Open risks |`,
    `| --- | --- | --- | --- | ${DIMENSIONS.map(() => '---').join(' | ')} | --- |`,
  );
  for (const item of flattenBacklog(model.backlog)) {
    const open = openRiskIdsOfItem(item);
    lines.push(
      `| ${escape(item.id)} | ${escape(item.title)} | ${escape(item.sprint ?? '')} | ${item.status} | ${DIMENSIONS.map((d) => cell(item.cia[d])).join(' | ')} | ${escapeAll(open) || '–'} |`,
    );
  }
  const useCases = useCasesOf(model);
  lines.push(
    '',
    '## Use cases',
    '',
    `| Use case | Title | Built by | ${dimensionHeads.join(' | ')} | Open risks |`,
    `| --- | --- | --- | ${DIMENSIONS.map(() => '---').join(' | ')} | --- |`,
  );
  for (const useCase of useCases.sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(
      `| ${escape(useCase.id)} | ${escape(useCase.title)} | ${escapeAll(useCase.backlog) || '*unplanned*'} | ${DIMENSIONS.map((d) => cell(useCase.cia[d])).join(' | ')} | ${escapeAll(openRiskIds([useCase])) || '–'} |`,
    );
  }
  const privacy = privacyRowsOf(useCases);
  if (privacy.length) {
    lines.push(
      '',
      '## Personal data',
      '',
      'Each use case that handles personal data: on what lawful basis (GDPR art. 6), for how long, and for special categories the art. 9 condition.',
      '',
      '| Use case | Personal data | Lawful basis | Retention | Art. 9 condition |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const { id, privacy: stated } of privacy) {
      lines.push(
        `| ${escape(id)} | ${escapeAll(stated.personalData) || '–'} | ${unstated(stated.lawfulBasis)} | ${unstated(stated.retention)} | ${escape(stated.specialCategoryCondition ?? '–')} |`,
      );
    }
  }
  if (model.vendors.length) {
    lines.push(
      '',
      '## Third parties',
      '',
      'The vendors the product hands data to, and where their security review stands.',
      '',
      '| Vendor | Name | Receives | Review | By | Until | Evidence |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const vendor of model.vendors) {
      lines.push(
        `| ${escape(vendor.id)} | ${escape(vendor.name)} | ${escapeAll(vendor.receives) || '–'} | ${reviewCell(vendor)} | ${escape(vendor.review.by ?? '–')} | ${vendor.review.until ?? '–'} | ${escapeAll(vendor.review.evidence) || '–'} |`,
      );
    }
  }
  if (model.baseline.length) {
    const products = new Set(model.baseline.map((node) => node.product)).size;
    lines.push(
      '',
      '## Security baseline',
      '',
      'The questions every product must answer from the start (docs/baseline.md).',
      '',
      `| ${products > 1 ? 'Product | ' : ''}Question | State | Answered by | Why |`,
      `| ${products > 1 ? '--- | ' : ''}--- | --- | --- | --- |`,
    );
    for (const node of model.baseline) {
      lines.push(
        `| ${products > 1 ? `${escape(node.product)} | ` : ''}**${escape(node.name)}**: ${escape(node.question)} | ${baselineCell(node)} | ${answersCell(node)} | ${escape(node.why ?? '')} |`,
      );
    }
  }
  if (model.expiring.length) {
    lines.push(
      '',
      '## Expiring soon',
      '',
      `Evidence that has lapsed, or lapses within ${model.expiringWithinDays} days, soonest first.`,
      '',
      '| Due | What | Kind | |',
      '| --- | --- | --- | --- |',
    );
    for (const node of model.expiring)
      lines.push(
        `| ${node.due} | ${escape(node.label)} | ${EXPIRING_KIND[node.kind]} | ${node.overdue ? `**lapsed** ${node.when}` : node.when} |`,
      );
  }
  if (model.sprints.length) {
    lines.push(
      '',
      '## Security capacity per sprint',
      '',
      `Target: ${formatShare(model.securityCapacityTarget)} of each sprint's points on security work.`,
      '',
      '| Sprint | Points | Security points | Share | Target met |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const sprint of model.sprints) {
      const met = sprint.share === undefined ? '–' : sprint.share >= model.securityCapacityTarget ? 'yes' : '**no**';
      lines.push(
        `| ${escape(sprint.sprint)} | ${sprint.totalPoints} | ${sprint.securityPoints} | ${sprint.share === undefined ? 'no points' : formatShare(sprint.share)} | ${met} |`,
      );
    }
  }
  lines.push(
    '',
    '## What the marks mean',
    '',
    'For a backlog item, the worst over what it builds and the abuse cases its mitigations answer.',
    '',
  );
  lines.push(
    ...COVERAGE_STATES.map(
      (state) => `- ${STATE_LEGEND[state].mark} *${STATE_LEGEND[state].word}*: ${STATE_LEGEND[state].meaning}.`,
    ),
    '',
  );
  return lines.join('\n');
}

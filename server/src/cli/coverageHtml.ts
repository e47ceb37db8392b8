import { showInvisible } from '../../../shared/markdown';
import { formatShare, SprintCapacity } from '../engine/capacity';
import {
  BASELINE_LEGEND,
  BaselineNode,
  BacklogNode,
  CiaMark,
  COVERAGE_STATES,
  CoverageModel,
  CoverageState,
  STATE_LEGEND,
  UseCaseNode,
  VendorNode,
} from '../engine/coverageTree';
import { Dimension, DIMENSIONS } from '../engine/format';
import { openRisksOf, openRisksOfItem, useCasesOf } from '../engine/backlogTree';
import { plural } from '../engine/text';
import { EXPIRING_KIND, REVIEW_LEGEND, vendorState } from '../../../shared/coverageStates';
import { listedAnswers, privacyRowsOf } from '../engine/coverageNodes';

/** What a heat-map cell says about one CIA dimension of a use case, worst first: the sidebar's six states. */
export const HEAT_STATES = COVERAGE_STATES;
export type HeatState = CoverageState;

/**
 * Cell backgrounds. Each is light enough for the dark body text to keep a contrast above 4.5:1,
 * and the cells also carry a symbol and a word, so a reader who does not tell red from green loses nothing.
 */
export const HEAT_COLOURS: Record<HeatState, string> = {
  uncovered: '#f28b82',
  open: '#fdd663',
  accepted: '#aecbfa',
  mitigated: '#81c995',
  verified: '#34a853',
  'not-required': '#e8eaed',
};

/** Capacity bars: a sprint below the security target, and one at or above it. */
export const BAR_COLOURS = { belowTarget: '#d93025', atOrAboveTarget: '#1e8e3e' } as const;

const DIMENSION_HEADS: Record<Dimension, string> = {
  confidentiality: 'Confidentiality',
  integrity: 'Integrity',
  availability: 'Availability',
};

/**
 * `abuse-cases coverage --format html`: one self-contained page (inline CSS and SVG, no script, nothing
 * fetched) for readers who never open the editor: the summary figures, a CIA heat map of the use cases,
 * the security share of each sprint against the target, and the backlog.
 */
export function coverageHtml(model: CoverageModel, options: { title?: string } = {}): string {
  const title = options.title ?? 'Security coverage';
  const useCases = useCasesOf(model).sort((a, b) => a.id.localeCompare(b.id));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${summaryFigures(model)}
</header>
<main>
<section aria-labelledby="gate-heading" id="gate" data-passed="${model.gate.passed}">
<h2 id="gate-heading">Quality gate: ${model.gate.passed ? 'passed' : 'failed'}${model.gate.reported ? ` (${model.gate.reported} only reported)` : ''}</h2>
${gateList(model)}
</section>
<section aria-labelledby="heat-map-heading">
<h2 id="heat-map-heading">CIA heat map</h2>
<p class="muted">Each use case against the three parts of the CIA triad, at the level its data requires.</p>
${heatMapLegend()}
${heatMap(useCases)}
</section>
${baselineSection(model.baseline)}
${expiringSection(model)}
<section aria-labelledby="capacity-heading">
<h2 id="capacity-heading">Security work per sprint</h2>
${capacitySection(model.sprints, model.securityCapacityTarget)}
</section>
<section aria-labelledby="backlog-heading">
<h2 id="backlog-heading">Backlog items</h2>
${backlogTable(model.backlog)}
</section>
${vendorsSection(model.vendors)}
${privacySection(useCases)}
</main>
<footer class="muted">
<p>A backlog item shows the worst state of what it builds: its use cases, and the abuse cases its mitigations answer. Security work is a backlog item marked <code>security: true</code>, or one that builds a mitigation.</p>
</footer>
</body>
</html>
`;
}

const STYLE = `
:root { color-scheme: light; --text: #202124; --muted: #5f6368; --rule: #dadce0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1040px; padding: 24px; background: #fff; color: var(--text);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 26px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 36px 0 4px; break-after: avoid; }
.baseline-gap { color: #b3261e; font-weight: 600; }
p { margin: 4px 0 12px; }
code { font: 12.5px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.muted { color: var(--muted); }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; padding: 0; list-style: none; }
.figures li { flex: 1 1 220px; border: 1px solid var(--rule); border-left-width: 6px; border-radius: 6px; padding: 10px 14px; }
.figures li.good { border-left-color: ${BAR_COLOURS.atOrAboveTarget}; }
.figures li.bad { border-left-color: ${BAR_COLOURS.belowTarget}; }
.figures strong { display: block; font-size: 28px; line-height: 1.2; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { padding: 6px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; border-bottom: 2px solid var(--text); white-space: nowrap; }
#heat-map { table-layout: fixed; }
#heat-map .use-case-column { width: 25%; }
#heat-map .cia-column { width: 12.5%; }
td.cia { white-space: nowrap; border: 2px solid #fff; }
#heat-map td.cia { white-space: normal; } /* "not thought of" wraps rather than spill into the next cell */
td.cia.compact { width: 5.5em; }
th.backlog-title { width: 45%; }
abbr { text-decoration: none; }
td.cia .level { display: block; font-size: 12px; font-weight: 400; }
.id, .nowrap { white-space: nowrap; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
${HEAT_STATES.map((state) => `.state-${state} { background: ${HEAT_COLOURS[state]}; }`).join('\n')}
.state-uncovered { font-weight: 600; }
.bar-at-or-above { background: ${BAR_COLOURS.atOrAboveTarget}; }
.bar-below { background: ${BAR_COLOURS.belowTarget}; }
.gate { margin: 0; padding: 0; list-style: none; }
.gate li { margin: 4px 0; padding: 4px 10px; border-left: 6px solid; }
.gate li.passed { border-left-color: ${BAR_COLOURS.atOrAboveTarget}; }
.gate li.failed { border-left-color: ${BAR_COLOURS.belowTarget}; }
.gate li.reported { border-left-color: ${HEAT_COLOURS.open}; }
.risks { margin: 0; padding: 0; list-style: none; font-size: 13px; }
.risks li + li { margin-top: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 0 0 12px; padding: 0; list-style: none; }
.swatch { display: inline-block; min-width: 1.6em; margin-right: 6px; padding: 0 4px; border: 1px solid rgba(0, 0, 0, 0.25); text-align: center; font-weight: 600; }
.depth-1 { padding-left: 24px; }
.depth-2 { padding-left: 40px; }
.depth-3 { padding-left: 56px; }
tr.epic td { font-weight: 600; }
#capacity { margin: 0; }
#capacity svg { display: block; max-width: 100%; height: auto; }
#capacity text { font-family: inherit; fill: var(--text); }
#capacity text.muted { fill: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  #capacity { break-inside: avoid; }
}
`;

function escapeHtml(text: string): string {
  return showInvisible(text, { keepLineBreaks: true }).replace(
    /[&<>"']/g,
    (character) => `&#${character.charCodeAt(0)};`,
  );
}

function summaryFigures(model: CoverageModel): string {
  const summary = model.summary;
  const coverage = summary.requiredDimensions
    ? `${Math.round((100 * summary.coveredDimensions) / summary.requiredDimensions)} %`
    : '–';
  const figures = [
    {
      figure: coverage,
      caption: `of the required CIA dimensions have an abuse case (${summary.coveredDimensions} of ${summary.requiredDimensions})`,
      good: summary.coveredDimensions === summary.requiredDimensions,
    },
    {
      figure: `${summary.closedAbuseCases} of ${summary.abuseCases}`,
      caption: 'abuse cases closed: mitigated or accepted',
      good: summary.closedAbuseCases === summary.abuseCases,
    },
    {
      figure: String(summary.openHighRisks),
      caption: `open high ${summary.openHighRisks === 1 ? 'risk' : 'risks'} (major or severe impact)`,
      good: summary.openHighRisks === 0,
    },
  ];
  const items = figures.map(
    ({ figure, caption, good }) => `<li class="${good ? 'good' : 'bad'}"><strong>${figure}</strong>${caption}</li>`,
  );
  return `<ul class="figures" aria-label="Summary">\n${items.join('\n')}\n</ul>
<p class="muted">${plural(summary.useCases, 'use case')} · ${plural(summary.abuseCases, 'abuse case')} · ${plural(model.sprints.length, 'sprint')}</p>`;
}

/** The gate's checks as `abuse-cases gate` prints them: what was found, and by how much it misses. */
function gateList(model: CoverageModel): string {
  const items = model.gate.thresholds.map((result) => {
    const offenders = result.offenders.length
      ? `<br><span class="muted">${result.offenders.map(escapeHtml).join(' · ')}</span>`
      : '';
    // A failure in report mode is said, not enforced: it does not fail the gate.
    const outcome = result.passed ? 'passed' : result.mode === 'report' ? 'reported' : 'failed';
    const mark = { passed: '✓', reported: '!', failed: '✗' }[outcome];
    return `<li class="${outcome}" data-threshold="${result.threshold}" data-mode="${result.mode}"><span aria-hidden="true">${mark}</span> <code>${result.threshold}</code> <span class="muted">(${result.mode})</span>: ${escapeHtml(result.message)}${offenders}</li>`;
  });
  return `<ul class="gate">\n${items.join('\n')}\n</ul>`;
}

function heatMapLegend(): string {
  const entries = HEAT_STATES.map((state) => {
    const { mark: symbol, word, meaning } = STATE_LEGEND[state];
    return `<li><span class="swatch state-${state}" aria-hidden="true">${symbol}</span><strong>${word}</strong>: ${meaning}</li>`;
  });
  return `<ul class="legend" aria-label="Legend">\n${entries.join('\n')}\n</ul>`;
}

/**
 * A coloured CIA cell; `attributes` name what it belongs to, for readers and tests that look it up.
 * A compact cell (the backlog table's) shows the symbol and the level, and keeps the state word for screen readers.
 */
function ciaCell(mark: CiaMark, attributes: string, compact = false): string {
  const { state } = mark;
  const { mark: symbol, word } = STATE_LEGEND[state];
  const open = `<td class="cia${compact ? ' compact' : ''} state-${state}" ${attributes} data-state="${state}">`;
  if (compact) {
    return `${open}<span aria-hidden="true">${symbol}</span> <span class="visually-hidden">${word}</span>${mark.level === 'none' ? '' : ` ${mark.level}`}</td>`;
  }
  const requiredBy =
    mark.requiredBy === 'cia:'
      ? 'set explicitly'
      : mark.requiredBy
        ? `required by ${escapeHtml(mark.requiredBy)} data`
        : '';
  const level =
    mark.level === 'none'
      ? ''
      : `<span class="level"${requiredBy ? ` title="${requiredBy}"` : ''}>${mark.level}</span>`;
  return `${open}<span aria-hidden="true">${symbol}</span> ${word}${level}</td>`;
}

function heatMap(useCases: UseCaseNode[]): string {
  if (useCases.length === 0) return '<p>No use cases.</p>';
  const rows = useCases.map((useCase) => {
    const id = escapeHtml(useCase.id);
    const builtBy = useCase.backlog.length ? `built by ${escapeHtml(useCase.backlog.join(', '))}` : 'unplanned';
    const cells = DIMENSIONS.map((dimension) =>
      ciaCell(useCase.cia[dimension], `data-use-case="${id}" data-dimension="${dimension}"`),
    );
    const risks = openRisksOf([useCase]).map(
      (risk) =>
        `<li><code class="id">${escapeHtml(risk.id)}</code>${risk.impact ? ` · ${escapeHtml(risk.impact)}` : ''}: ${escapeHtml(risk.title)}</li>`,
    );
    return `<tr data-use-case="${id}">
<td><code class="id">${id}</code><br>${escapeHtml(useCase.title)}<br><span class="muted">${builtBy}</span></td>
${cells.join('\n')}
<td>${risks.length ? `<ul class="risks">${risks.join('')}</ul>` : '<span class="muted">none</span>'}</td>
</tr>`;
  });
  return `<table id="heat-map">
<thead><tr><th scope="col" class="use-case-column">Use case</th>${DIMENSIONS.map((d) => `<th scope="col" class="cia-column">${DIMENSION_HEADS[d]}</th>`).join('')}<th scope="col">Open risks</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** The capacity chart's geometry, in SVG units; whole numbers, so bar edges fall on pixel boundaries. */
const CHART = { slot: 88, barWidth: 40, plotHeight: 200, top: 28, left: 48, right: 96, bottom: 48 } as const;
/** A measured sprint with no security work still gets a sliver, so it does not look like a sprint without points. */
const MIN_BAR_HEIGHT = 4;

function capacitySection(sprints: SprintCapacity[], target: number): string {
  if (sprints.length === 0) return '<p>No backlog item has a sprint, so there is no capacity to show.</p>';
  const intro = `<p class="muted">The share of each sprint's points that goes to security work; the dashed line is the target of ${formatShare(target)}.</p>`;
  const legend = `<ul class="legend" aria-label="Legend">
<li><span class="swatch bar-at-or-above" aria-hidden="true">&nbsp;</span>at or above the target</li>
<li><span class="swatch bar-below" aria-hidden="true">&nbsp;</span>below the target</li>
</ul>`;
  return `${intro}\n${legend}\n<figure id="capacity">\n${capacityChart(sprints, target)}\n</figure>`;
}

function capacityChart(sprints: SprintCapacity[], target: number): string {
  const plotWidth = sprints.length * CHART.slot;
  const width = CHART.left + plotWidth + CHART.right;
  const height = CHART.top + CHART.plotHeight + CHART.bottom;
  const plotBottom = CHART.top + CHART.plotHeight;
  const yOf = (share: number) => Math.round(plotBottom - share * CHART.plotHeight);

  const grid = [0, 0.5, 1].map(
    (
      share,
    ) => `<line x1="${CHART.left}" x2="${CHART.left + plotWidth}" y1="${yOf(share)}" y2="${yOf(share)}" stroke="#dadce0" stroke-width="1"/>
<text x="${CHART.left - 8}" y="${yOf(share) + 4}" text-anchor="end" font-size="11" class="muted">${formatShare(share)}</text>`,
  );
  const slots = sprints.map((sprint, index) => {
    const centre = CHART.left + index * CHART.slot + CHART.slot / 2;
    const label = `<text x="${centre}" y="${plotBottom + 18}" text-anchor="middle" font-size="12">${escapeHtml(shortened(sprint.sprint))}<title>${escapeHtml(sprint.sprint)}</title></text>`;
    if (sprint.share === undefined) {
      return `${label}\n<text x="${centre}" y="${plotBottom + 34}" text-anchor="middle" font-size="11" class="muted" data-no-points="${escapeHtml(sprint.sprint)}">no points</text>`;
    }
    const barHeight = Math.max(Math.round(sprint.share * CHART.plotHeight), MIN_BAR_HEIGHT);
    const colour = sprint.share >= target ? BAR_COLOURS.atOrAboveTarget : BAR_COLOURS.belowTarget;
    const points = `${sprint.securityPoints} of ${sprint.totalPoints} points`;
    return `<rect x="${centre - CHART.barWidth / 2}" y="${plotBottom - barHeight}" width="${CHART.barWidth}" height="${barHeight}" fill="${colour}" data-sprint="${escapeHtml(sprint.sprint)}" data-share="${sprint.share}"><title>${escapeHtml(sprint.sprint)}: ${points} are security work (${formatShare(sprint.share)})</title></rect>
<text x="${centre}" y="${plotBottom - barHeight - 6}" text-anchor="middle" font-size="11">${formatShare(sprint.share)}</text>
${label}
<text x="${centre}" y="${plotBottom + 34}" text-anchor="middle" font-size="11" class="muted">${points}</text>`;
  });
  const targetY = yOf(target);
  // Drawn after the bars, so the target stays visible where a bar reaches past it.
  const targetLine = `<line x1="${CHART.left}" x2="${CHART.left + plotWidth}" y1="${targetY}" y2="${targetY}" stroke="#202124" stroke-width="2" stroke-dasharray="6 4" data-target="${target}"/>
<text x="${CHART.left + plotWidth + 8}" y="${targetY + 4}" font-size="12">target ${formatShare(target)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="capacity-title">
<title id="capacity-title">Share of security work per sprint, against a target of ${formatShare(target)}</title>
<rect x="${CHART.left}" y="${CHART.top}" width="${plotWidth}" height="${CHART.plotHeight}" fill="#f8f9fa" data-plot-area=""/>
${grid.join('\n')}
${slots.join('\n')}
${targetLine}
</svg>`;
}

/** Sprint names share a slot the width of a bar and its neighbours' gaps; the full name stays in the tooltip. */
function shortened(sprint: string): string {
  const fits = 13;
  return sprint.length > fits ? `${sprint.slice(0, fits - 1)}…` : sprint;
}

/** The evidence that has lapsed or lapses soon, soonest first. */
function expiringSection(model: CoverageModel): string {
  if (model.expiring.length === 0) return '';
  const rows = model.expiring.map(
    (node) => `<tr data-kind="${node.kind}" data-overdue="${node.overdue}">
<td class="nowrap">${node.due}</td>
<td>${escapeHtml(node.label)}</td>
<td>${EXPIRING_KIND[node.kind]}</td>
<td class="nowrap${node.overdue ? ' baseline-gap' : ''}">${node.overdue ? `lapsed ${node.when}` : node.when}</td>
</tr>`,
  );
  return `<section aria-labelledby="expiring-heading">
<h2 id="expiring-heading">Expiring soon</h2>
<p class="muted">Evidence that has lapsed, or lapses within ${model.expiringWithinDays} days: risk acceptances, verifications, recurring work, vendor reviews.</p>
<table id="expiring">
<thead><tr><th scope="col">Due</th><th scope="col">What</th><th scope="col">Kind</th><th scope="col">When</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

/** Each use case that handles personal data: its lawful basis, retention and art. 9 condition; a missing one in red. */
function privacySection(useCases: readonly UseCaseNode[]): string {
  const rows = privacyRowsOf(useCases).map(({ id, privacy }) => {
    const stated = (value: string | undefined) =>
      value === undefined ? '<td class="baseline-gap">not stated</td>' : `<td>${escapeHtml(value)}</td>`;
    return `<tr data-use-case="${escapeHtml(id)}">
<td><code class="id">${escapeHtml(id)}</code></td>
<td>${escapeHtml(privacy.personalData.join(', ')) || '<span class="muted">none</span>'}</td>
${stated(privacy.lawfulBasis)}
${stated(privacy.retention)}
<td>${escapeHtml(privacy.specialCategoryCondition ?? '') || '<span class="muted">–</span>'}</td>
</tr>`;
  });
  if (rows.length === 0) return '';
  return `<section aria-labelledby="privacy-heading">
<h2 id="privacy-heading">Personal data</h2>
<p class="muted">Each use case that handles personal data: on what lawful basis (GDPR art. 6), for how long, and for special categories the art. 9 condition.</p>
<table id="privacy">
<thead><tr><th scope="col">Use case</th><th scope="col">Personal data</th><th scope="col">Lawful basis</th><th scope="col">Retention</th><th scope="col">Art. 9 condition</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

/** The vendors the product hands data to, each with its review's standing, coloured as the heat map's states. */
function vendorsSection(vendors: readonly VendorNode[]): string {
  if (vendors.length === 0) return '';
  const rows = vendors.map((vendor) => {
    const state = vendorState(vendor);
    const said =
      state === 'not-required'
        ? `${STATE_LEGEND['not-required'].mark} not needed`
        : `${REVIEW_LEGEND[vendor.review.status].mark} ${REVIEW_LEGEND[vendor.review.status].word}`;
    return `<tr data-vendor="${escapeHtml(vendor.id)}" data-review="${vendor.review.status}">
<td><code class="id">${escapeHtml(vendor.id)}</code></td>
<td>${escapeHtml(vendor.name)}${vendor.purpose ? `<br><span class="muted">${escapeHtml(vendor.purpose)}</span>` : ''}</td>
<td>${escapeHtml(vendor.receives.join(', ')) || '<span class="muted">nothing</span>'}</td>
<td class="cia nowrap state-${state}">${said}</td>
<td>${escapeHtml(vendor.review.by ?? '')}</td>
<td class="nowrap">${vendor.review.until ?? ''}</td>
<td>${escapeHtml(vendor.review.evidence.join(', '))}</td>
</tr>`;
  });
  return `<section aria-labelledby="vendors-heading">
<h2 id="vendors-heading">Third parties</h2>
<p class="muted">The vendors the product hands data to. One that receives data requiring medium or high confidentiality needs a review that still holds.</p>
<table id="vendors">
<thead><tr><th scope="col">Vendor</th><th scope="col">Name</th><th scope="col">Receives</th><th scope="col">Review</th><th scope="col">By</th><th scope="col">Until</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

/** The questions of the baseline, each with its state, what answers it, and why it applies (or was turned off). */
function baselineSection(nodes: readonly BaselineNode[]): string {
  if (nodes.length === 0) return '';
  const products = new Set(nodes.map((node) => node.product)).size;
  const rows = nodes.map((node) => {
    const { mark, word } = BASELINE_LEGEND[node.status];
    const progress = node.status === 'answered' && node.progress ? ` · ${node.progress}` : '';
    const { shown, more } = listedAnswers(node);
    const answers = [...shown.map(escapeHtml), ...(more ? [`and ${more} more`] : [])].join('<br>');
    return `<tr data-capability="${escapeHtml(node.capability)}" data-status="${node.status}">
${products > 1 ? `<td>${escapeHtml(node.product)}</td>\n` : ''}<td><strong>${escapeHtml(node.name)}</strong>: ${escapeHtml(node.question)}</td>
<td class="nowrap baseline-${node.status}">${mark} ${word}${progress}</td>
<td>${answers || '<span class="muted">none</span>'}</td>
<td>${escapeHtml(node.why ?? '')}</td>
</tr>`;
  });
  return `<section aria-labelledby="baseline-heading">
<h2 id="baseline-heading">Security baseline</h2>
<p class="muted">The questions every product must answer from the start: backups, restore, vendors, encryption, audit trail, sign-in, data, consent, patching, regulations, incidents.</p>
<table id="baseline">
<thead><tr>${products > 1 ? '<th scope="col">Product</th>' : ''}<th scope="col">Question</th><th scope="col">State</th><th scope="col">Answered by</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function backlogTable(roots: BacklogNode[]): string {
  if (roots.length === 0) return '<p>No backlog items.</p>';
  const rows: string[] = [];
  const addRows = (items: BacklogNode[], depth: number) => {
    for (const item of items) {
      const id = escapeHtml(item.id);
      const risks = openRisksOfItem(item).map((risk) => `<code class="id">${escapeHtml(risk.id)}</code>`);
      const cells = DIMENSIONS.map((dimension) =>
        ciaCell(item.cia[dimension], `data-backlog-item="${id}" data-dimension="${dimension}"`, true),
      );
      rows.push(`<tr${item.children.length ? ' class="epic"' : ''}>
<td><code class="id">${id}</code></td>
<td${depth ? ` class="depth-${Math.min(depth, 3)}"` : ''}>${escapeHtml(item.title)}</td>
<td class="nowrap">${escapeHtml(item.sprint ?? '')}</td>
<td class="nowrap">${escapeHtml(item.status)}</td>
${cells.join('\n')}
<td>${risks.join('<br>') || '<span class="muted">none</span>'}</td>
</tr>`);
      addRows(item.children, depth + 1);
    }
  };
  addRows(roots, 0);
  return `<table id="backlog">
<thead><tr><th scope="col">Item</th><th scope="col" class="backlog-title">Title</th><th scope="col">Sprint</th><th scope="col">Status</th>${DIMENSIONS.map((d) => `<th scope="col"><abbr title="${DIMENSION_HEADS[d]}">${DIMENSION_HEADS[d][0]}</abbr></th>`).join('')}<th scope="col">Open risks</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

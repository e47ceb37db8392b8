import { rootShapeOf } from '../config';
import { CIA_REQUIREMENT, Dimension, DIMENSIONS, Level, LEVELS, Shape } from '../format';
import { docsUrlOf } from '../rule';
import { ruleOf } from '../rules';
import { containsOffset, listed, OffsetRange, plural } from '../text';
import { Workspace } from '../workspace';
import { isRiskClosed } from '../cia';
import { escapeMarkdown } from '../markdown';
import { nodeRange } from '../yamlTree';
import type { SuppressionDirective } from '../suppressions';
import { confidentialDataOf, reviewStateOf } from '../evidence';
import { relativeDay } from '../dates';
import { explainCapabilityIn, explainDataClass, explainDimension, explainLevel, explainTemplate } from './explain';
import { locate, Location } from './locate';
import { backlogItemsByRelease } from './backlogItems';

export interface Hover {
  /** Markdown. */
  contents: string;
  range: OffsetRange;
}

/** What the word under the cursor means in the format, and the rules whose findings cover it. */
export function hoverAt(workspace: Workspace, uri: string, offset: number): Hover | undefined {
  const file = workspace.file(uri);
  if (!file) return undefined;
  const sections: string[] = [];
  let range: OffsetRange | undefined;

  const location = locate(file.tree.root, rootShapeOf(uri), offset);
  if (location) {
    range = nodeRange(location.kind === 'key' ? location.key : location.node);
    const meaning =
      location.kind === 'key' ? explainKey(location.key.value, location.shape) : explainValue(workspace, location);
    if (meaning) sections.push(meaning);
  }

  const directive = file.directives.find((d) => containsOffset(d.range, offset));
  if (directive) {
    sections.push(explainDirective(workspace, uri, directive));
    range ??= directive.range;
  }

  const findings = workspace.diagnostics(uri).filter((d) => containsOffset(d.range, offset));
  for (const code of new Set(findings.map((d) => d.code))) {
    const rule = ruleOf(code);
    if (rule) sections.push(`\`${code}\` — ${rule.description} [Rule documentation](${docsUrlOf(code)})`);
    range ??= findings.find((d) => d.code === code)!.range;
  }
  return sections.length && range ? { contents: sections.join('\n\n---\n\n'), range } : undefined;
}

/** What a suppression comment keeps quiet, and why. */
function explainDirective(workspace: Workspace, uri: string, directive: SuppressionDirective): string {
  const names = directive.rules.map((rule) => `\`${rule.code}\``).join(', ');
  if (directive.kind === 'enable')
    return `**Suppression ends** here for ${names || 'every rule'}: the findings below are shown again.`;
  const where =
    directive.kind === 'disable-next-line' ? 'on the next line' : 'until `abuse-cases-enable` or the end of the file';
  const quiet = workspace.suppressed(uri).filter((suppressed) => suppressed.by.includes(directive));
  const shown = 5;
  const lines = [
    `**Suppression** of ${names || 'every rule'} ${where}: ${quiet.length ? `${plural(quiet.length, 'finding')} suppressed` : 'nothing suppressed'}.`,
    ...quiet.slice(0, shown).map(({ finding }) => `- \`${finding.code}\` ${escapeMarkdown(finding.message)}`),
    ...(quiet.length > shown ? [`- and ${quiet.length - shown} more`] : []),
    '',
    directive.reason === undefined
      ? 'No reason given: write it after ` -- `, for the reviewers and the SARIF log.'
      : `Reason: ${escapeMarkdown(directive.reason)}`,
  ];
  return lines.join('\n');
}

function explainKey(key: unknown, shape: Shape): string | undefined {
  const name = String(key);
  if (shape === CIA_REQUIREMENT && (DIMENSIONS as readonly string[]).includes(name))
    return explainDimension(name as Dimension);
  const spec = shape.fields[name];
  if (!spec) return undefined;
  const facts = [spec.required ? 'required' : 'optional', ...(spec.default ? [`default \`${spec.default}\``] : [])];
  return `**${name}** (${facts.join(', ')}) — ${spec.description}`;
}

function explainValue(workspace: Workspace, location: Exclude<Location, { kind: 'key' }>): string | undefined {
  const value = String(location.node.value);
  const type = location.type;
  if (type.kind === 'enum' && (DIMENSIONS as readonly string[]).includes(value))
    return explainDimension(value as Dimension);
  if (type.kind === 'enum' && location.shape === CIA_REQUIREMENT && (LEVELS as readonly string[]).includes(value)) {
    return explainLevel(location.field as Dimension, value as Level);
  }
  if (type.kind === 'template-ref') {
    const template = workspace.templateOf(value);
    return template ? explainTemplate(template) : undefined;
  }
  if (type.kind === 'capability-ref' || (location.shape.name === 'team capability' && location.field === 'id')) {
    return explainCapabilityIn(workspace, value);
  }
  if (type.kind === 'data-class') {
    const dataClass = workspace.dataClasses.get(value);
    return dataClass ? explainDataClass(dataClass) : undefined;
  }
  if (type.kind === 'backlog-ref' || (type.kind === 'id' && location.shape.name === 'backlog item')) {
    return explainBacklogItem(workspace, value);
  }
  if (type.kind === 'vendor-ref' || (type.kind === 'id' && location.shape.name === 'vendor')) {
    return explainVendor(workspace, value);
  }
  if (type.kind === 'source-ref' || (type.kind === 'id' && location.shape.name === 'feedback')) {
    return explainFeedback(workspace, value);
  }
  if (type.kind === 'release') return explainRelease(workspace, value);
  if (type.kind === 'enum' && type.docs?.[value]) return `**${value}** — ${type.docs[value]}`;
  if (type.kind === 'pattern' && type.suggestions?.[value]) return `**${value}** — ${type.suggestions[value]}`;
  return undefined;
}

/** A vendor: what it is for, what it receives, where its review stands today, and the use cases that hand it data. */
function explainVendor(workspace: Workspace, id: string): string | undefined {
  const vendor = workspace.definitionsOf(id, 'vendors')[0]?.vendor;
  if (!vendor) return undefined;
  const today = workspace.todayDate;
  const review = reviewStateOf(vendor, today);
  const confidential = confidentialDataOf(vendor, workspace.dataClasses);
  const reviewLine =
    review.status === 'current'
      ? `Reviewed by ${escapeMarkdown(vendor.review?.by ?? 'someone')} on ${vendor.review!.on!.value}; holds until ${review.until} (${relativeDay(review.until, today)})${vendor.review!.evidence.length ? `, on ${vendor.review!.evidence.map((e) => `\`${e.value}\``).join(', ')}` : ''}.`
      : review.status === 'lapsed'
        ? `Its review lapsed: it held until ${review.until} (${relativeDay(review.until, today)}).`
        : review.status === 'incomplete'
          ? `Not reviewed: ${review.why}.`
          : 'Not reviewed.';
  const users = workspace.useCasesUsing(id).map(({ useCase }) => useCase.id?.value ?? useCase.title ?? 'a use case');
  const lines = [
    `**${escapeMarkdown(vendor.name ?? id)}** (vendor \`${escapeMarkdown(id)}\`)${vendor.purpose ? ` — ${escapeMarkdown(vendor.purpose)}` : ''}`,
    '',
    `Receives: ${vendor.receives.length ? vendor.receives.map((ref) => `\`${ref.value}\``).join(', ') : 'nothing declared'}${confidential.length ? ' (confidential: it needs a current review)' : ''}.`,
    '',
    reviewLine,
  ];
  if (users.length)
    lines.push(
      '',
      `Used by ${users.slice(0, LISTED).map(escapeMarkdown).join(', ')}${users.length > LISTED ? ` and ${users.length - LISTED} more` : ''}.`,
    );
  return lines.join('\n');
}

/** Feedback kept in the workspace: what was asked, by whom, when, and the backlog items that trace to it. */
function explainFeedback(workspace: Workspace, id: string): string | undefined {
  const feedback = workspace.definitionsOf(id, 'feedback')[0]?.feedback;
  if (!feedback) return undefined;
  const tracing = workspace
    .definitionsOfKind('backlog item')
    .filter((definition) => definition.backlogItem?.source?.ref?.value === id)
    .map((definition) => definition.id);
  const said = [feedback.from && `from ${escapeMarkdown(feedback.from)}`, feedback.date && `on ${feedback.date.value}`];
  return [
    `**${escapeMarkdown(id)}** (feedback) — ${escapeMarkdown(feedback.summary ?? '')}`,
    ...(said.some(Boolean) ? ['', `Heard ${said.filter(Boolean).join(', ')}.`] : []),
    '',
    tracing.length
      ? `Traced by ${listed(
          tracing.map((item) => `\`${item}\``),
          LISTED,
        )}.`
      : 'No backlog item traces to it yet.',
  ].join('\n');
}

/** A release: how many backlog items ship in it, how many are done, and how many trace to where they came from. */
function explainRelease(workspace: Workspace, release: string): string {
  const items = backlogItemsByRelease(workspace).get(release) ?? [];
  const done = items.filter((item) => item.status === 'done').length;
  const traced = items.filter((item) => item.source?.kind).length;
  return [
    `**Release ${escapeMarkdown(release)}**`,
    '',
    items.length
      ? `${plural(items.length, 'backlog item')}, ${done} done; ${traced} say where they came from (\`source\`).`
      : 'No backlog item ships in it yet.',
    '',
    `\`abuse-cases gate --release ${release}\` judges only this release.`,
  ].join('\n');
}

/** How many ids a hover lists before it says "and N more". */
const LISTED = 5;

/**
 * A backlog item and what it ships with: its facts, the use cases it builds, their abuse cases
 * still open (said plainly when the item is done), and the mitigations it carries.
 */
function explainBacklogItem(workspace: Workspace, id: string): string | undefined {
  const items = workspace.definitionsOf(id).filter((definition) => definition.kind === 'backlog item');
  if (items.length === 0) return undefined;
  const today = workspace.todayDate;
  const builds = workspace.useCasesBuiltBy(id);
  const carries = workspace.mitigationsBuiltBy(id);
  const open = builds.flatMap(({ useCase }) =>
    useCase.abuseCases
      .filter((abuseCase) => !isRiskClosed(abuseCase, today))
      .map((abuseCase) => ({ useCase, abuseCase })),
  );
  return items
    .map(({ backlogItem: item }) => {
      const facts = [
        item?.type,
        item?.status,
        item?.sprint ? `sprint ${item.sprint}` : undefined,
        item?.points !== undefined ? `${item.points} points` : undefined,
        item?.security || carries.length ? 'security work' : undefined,
        item?.release ? `release ${escapeMarkdown(item.release.value)}` : undefined,
      ];
      const lines = [
        `**${escapeMarkdown(id)}** ${escapeMarkdown(item?.title ?? '')}`,
        '',
        facts.filter(Boolean).join(' · '),
      ];
      const source = item?.source;
      if (source?.kind)
        lines.push(
          '',
          `From ${source.kind.value}${source.ref ? `: ${escapeMarkdown(sourceRefText(workspace, source.ref.value))}` : ''}.`,
        );
      if (builds.length)
        lines.push(
          '',
          `Builds ${listed(
            builds.map(({ useCase }) => `\`${useCase.id?.value ?? '?'}\` ${escapeMarkdown(useCase.title ?? '')}`),
            LISTED,
          )}.`,
        );
      if (open.length) {
        const which = listed(
          open.map(
            ({ abuseCase }) =>
              `\`${abuseCase.id?.value ?? '?'}\` (${abuseCase.threatens.map((threat) => threat.value).join(', ') || 'threatens nothing yet'})`,
          ),
          LISTED,
        );
        const count = `${open.length} open abuse case${open.length === 1 ? '' : 's'}`;
        lines.push(
          '',
          item?.status === 'done'
            ? `**Shipped with ${count}**: ${which}.`
            : `Ships with ${count} unless they are mitigated or accepted first: ${which}.`,
        );
      } else if (builds.some(({ useCase }) => useCase.abuseCases.length)) {
        lines.push('', 'Every abuse case of what it builds is mitigated or accepted.');
      }
      if (carries.length) {
        const mitigations = carries.map(
          ({ abuseCase, mitigation }) =>
            `“${escapeMarkdown(mitigation.title?.value ?? 'untitled')}” (${mitigation.status}) against \`${abuseCase.id?.value ?? '?'}\``,
        );
        lines.push(
          '',
          `Carries ${carries.length === 1 ? 'the mitigation' : `${carries.length} mitigations`} ${listed(mitigations, LISTED)}.`,
        );
      }
      return lines.join('\n');
    })
    .join('\n\n');
}

/** A source's `ref` as a hover says it: feedback of the workspace with its summary, else as written. */
function sourceRefText(workspace: Workspace, ref: string): string {
  const feedback = workspace.definitionsOf(ref, 'feedback')[0]?.feedback;
  return feedback?.summary ? `${ref} "${feedback.summary}"` : ref;
}

import { isScalar, Node, Pair } from 'yaml';
import { quoted } from '../quote';
import { coverageOf } from '../cia';
import { DIMENSIONS, Dimension, FieldSpec, ValueType } from '../format';
import { AbuseCase, FileModel, Located, Mitigation, monthsAfter, UseCase } from '../model';
import { EngineDiagnostic } from '../rule';
import { missingFieldOf } from '../rules/missingField';
import { UNSUPPRESSIBLE } from '../rules/unusedSuppression';
import { lineStartOf } from '../suppressions';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';
import { LocatedObject } from '../yamlTree';
import { freshId } from './ids';
import { abuseCaseInsertion, mitigationInsertion } from './insertions';
import { addListItems, addListValue, appendPair, setEmptyValue, TextEdit } from './edits';
import { backlogItemsFor, EditsByUri, newBacklogItem } from './backlogItems';
import { textStyleOf, yamlScalar } from './yamlText';

export interface QuickFix {
  title: string;
  /** The finding it fixes; absent for the follow-up offered where an insertion left the cursor. */
  diagnostic?: EngineDiagnostic;
  /** Edits of the document the fix is asked for. */
  edits: TextEdit[];
  /** Edits of other documents: the workspace's backlog file. */
  elsewhere?: EditsByUri;
  /** What the fix inserted, in the document's text after it: for the editor to select and show. */
  select?: OffsetRange;
  isPreferred?: boolean;
}

interface FixContext {
  workspace: Workspace;
  uri: string;
  text: string;
  model: FileModel;
  objects: readonly LocatedObject[];
}

type FixBuilder = (diagnostic: EngineDiagnostic, context: FixContext) => QuickFix[];

/** Quick fixes for the findings of `uri` that touch `range`, computed from the current text (not from the client's copy). */
export function quickFixesFor(workspace: Workspace, uri: string, range: OffsetRange): QuickFix[] {
  const file = workspace.file(uri);
  if (!file) return [];
  const context: FixContext = { workspace, uri, text: file.text, model: file.model, objects: file.tree.objects };
  const touched = workspace.diagnostics(uri).filter((d) => d.range.start <= range.end && range.start <= d.range.end);
  const fixes = touched.flatMap((diagnostic) => FIXES[diagnostic.code]?.(diagnostic, context) ?? []);
  // Fixing comes first; suppressing is the way out when the finding is known and accepted.
  const suppressions = touched.flatMap((diagnostic) => suppressFix(diagnostic, context));
  return [...fixes, ...followUpsAt(range, context), ...suppressions];
}

/**
 * On an abuse case's id (where adding one leaves the cursor): create the backlog items that
 * build its mitigations, when none names one yet.
 */
function followUpsAt(range: OffsetRange, context: FixContext): QuickFix[] {
  for (const useCase of context.model.useCases) {
    for (const abuseCase of useCase.abuseCases) {
      const on = abuseCase.id?.range ?? abuseCase.anchor;
      if (!(on.start <= range.end && range.start <= on.end)) continue;
      const unplanned = abuseCase.mitigations.filter((mitigation) => mitigation.backlog.length === 0);
      const fix = backlogItemsFix(
        unplanned,
        `of ${quoted(abuseCase.id?.value ?? abuseCase.title ?? 'this abuse case')}`,
        undefined,
        context,
      );
      return fix ? [fix] : [];
    }
  }
  return [];
}

/** "Create backlog items RM-142, RM-143 for the 2 mitigations …": the items, and their ids in the mitigations. */
function backlogItemsFix(
  mitigations: Mitigation[],
  whose: string,
  diagnostic: EngineDiagnostic | undefined,
  context: FixContext,
): QuickFix | undefined {
  const created = mitigations.length ? backlogItemsFor(context.workspace, context.uri, mitigations) : undefined;
  if (!created) return undefined;
  const { [context.uri]: edits = [], ...elsewhere } = created.edits;
  const what =
    mitigations.length === 1
      ? diagnostic
        ? 'this mitigation'
        : `the mitigation ${whose}`
      : `the ${mitigations.length} mitigations ${whose}`;
  return {
    title: `Create backlog item${created.ids.length === 1 ? '' : 's'} ${created.ids.join(', ')} for ${what}`,
    diagnostic,
    edits,
    elsewhere: Object.keys(elsewhere).length ? elsewhere : undefined,
    isPreferred: !!diagnostic,
  };
}

const replaceWithSuggestion: FixBuilder = (diagnostic) => {
  const suggestion = diagnostic.data?.suggestion;
  if (typeof suggestion !== 'string') return [];
  return [
    {
      title: `Change to ${quoted(suggestion)}`,
      diagnostic,
      edits: [{ range: diagnostic.range, newText: suggestion }],
      isPreferred: true,
    },
  ];
};

/**
 * "Suppress 'RULE' on this line": a `disable-next-line` comment above the finding's line, at its indentation, the
 * cursor left where the reason goes.
 */
function suppressFix(diagnostic: EngineDiagnostic, context: FixContext): QuickFix[] {
  if (UNSUPPRESSIBLE.has(diagnostic.code)) return [];
  const { text } = context;
  const lineStart = lineStartOf(text, diagnostic.range.start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  const comment = `${indent}# abuse-cases-disable-next-line ${diagnostic.code} -- `;
  const cursor = lineStart + comment.length;
  return [
    {
      title: `Suppress ${quoted(diagnostic.code)} on this line`,
      diagnostic,
      edits: [{ range: { start: lineStart, end: lineStart }, newText: `${comment}${textStyleOf(text).eol}` }],
      select: { start: cursor, end: cursor },
    },
  ];
}

/**
 * Removes what an unused suppression says in vain: the whole comment when none of its rules suppresses anything
 * (or it names none), else the one rule's name.
 */
const removeUnusedSuppression: FixBuilder = (diagnostic, context) => {
  const directives = context.workspace.file(context.uri)?.directives ?? [];
  const directive = directives.find((candidate) => within(diagnostic.range, candidate.range));
  if (!directive) return [];
  const inVain = new Set(
    context.workspace
      .diagnostics(context.uri)
      .filter((d) => UNSUPPRESSIBLE.has(d.code) && within(d.range, directive.range))
      .map((d) => d.range.start),
  );
  const index = directive.rules.findIndex((rule) => sameRange(rule.range, diagnostic.range));
  if (index < 0 || directive.rules.every((rule) => inVain.has(rule.range.start)))
    return [
      {
        title: 'Remove this unused suppression',
        diagnostic,
        edits: [{ range: directive.line, newText: '' }],
        isPreferred: true,
      },
    ];
  const { rules } = directive;
  // With the comma and spaces that part it from the next name (or, for the last, from the one before).
  const removed =
    index + 1 < rules.length
      ? { start: rules[index].range.start, end: rules[index + 1].range.start }
      : { start: rules[index - 1].range.end, end: rules[index].range.end };
  return [
    {
      title: `Remove ${quoted(rules[index].code)} from this suppression`,
      diagnostic,
      edits: [{ range: removed, newText: '' }],
      isPreferred: true,
    },
  ];
};

const FIXES: Record<string, FixBuilder> = {
  'unknown-rule': replaceWithSuggestion,
  'unused-suppression': removeUnusedSuppression,
  'invalid-value': replaceWithSuggestion,
  'unknown-key': replaceWithSuggestion,
  'unknown-data-class': replaceWithSuggestion,
  'unknown-template': replaceWithSuggestion,
  'unknown-vendor': replaceWithSuggestion,
  'unknown-feedback': replaceWithSuggestion,

  // A review to fill in (who did it, and on what evidence), dated today and holding for a year; or a lapsed one renewed.
  'vendor-unreviewed': (diagnostic, context) => {
    const today = context.workspace.todayDate;
    const nextYear = monthsAfter(today, 12);
    if (diagnostic.data?.review === 'lapsed') {
      const vendor = context.model.vendors.find((candidate) =>
        sameRange(candidate.review?.until?.range, diagnostic.range),
      );
      const on = vendor?.review?.on;
      if (!on) return [];
      return [
        {
          title: `Renew the review, dated today (${today}) and holding until ${nextYear}`,
          diagnostic,
          edits: [
            { range: on.range, newText: today },
            { range: diagnostic.range, newText: nextYear },
          ],
          isPreferred: true,
        },
      ];
    }
    if (diagnostic.data?.review !== 'none') return [];
    const vendor = context.model.vendors.find((candidate) => sameRange(candidate.anchor, diagnostic.range));
    const map = vendor && context.objects.find((object) => object.node.range?.[0] === vendor.range.start)?.node;
    const { step } = textStyleOf(context.text);
    const pad = ' '.repeat(step);
    const edit =
      map &&
      appendPair(context.text, map, [
        'review:',
        `${pad}by: Name, role`,
        `${pad}on: ${today}`,
        `${pad}until: ${nextYear}`,
        `${pad}evidence: [dpa]`,
      ]);
    return edit
      ? [
          {
            title: `Add a review of this vendor (dated ${today}, until ${nextYear})`,
            diagnostic,
            edits: [edit],
            isPreferred: true,
          },
        ]
      : [];
  },

  // The best-ranked template for the dimension, and the next two as alternatives.
  'cia-uncovered': (diagnostic, context) => {
    const dimension = diagnostic.data?.dimension as Dimension | undefined;
    return dimension ? catalogAbuseCaseFixes(diagnostic, context, { dimension }, 3) : [];
  },

  // One fix per kind of data the template is about, the first preferred.
  'data-class-suspected': (diagnostic, context) => {
    const classes = diagnostic.data?.dataClasses;
    const useCase = context.model.useCases.find((candidate) => within(diagnostic.range, candidate.range));
    const map = useCase && context.objects.find((object) => object.node.range?.[0] === useCase.range.start)?.node;
    if (!Array.isArray(classes) || !useCase || !map) return [];
    return classes.slice(0, 3).flatMap((dataClass: string, index) => {
      const edit = addListValue(context.text, map, 'data', dataClass);
      const name = useCase.id ? quoted(useCase.id.value) : 'the use case';
      return edit
        ? [
            {
              title: `Add ${quoted(dataClass)} to the data of ${name}`,
              diagnostic,
              edits: [edit],
              isPreferred: index === 0,
            },
          ]
        : [];
    });
  },

  // A backlog item that answers the question, and the best abuse cases of its family for the use case that makes it apply.
  'baseline-gap': (diagnostic, context) => {
    const capabilityId = diagnostic.data?.capability;
    const product = context.workspace
      .baseline({ answers: false })
      .find((candidate) => (candidate.product ?? null) === (diagnostic.data?.product ?? null));
    const state = product?.capabilities.find((candidate) => candidate.capability.id === capabilityId);
    if (!state) return [];
    const { capability, why } = state;
    const fixes: QuickFix[] = [];
    const item = newBacklogItem(context.workspace, context.uri, [
      `title: ${yamlScalar(capability.task ?? capability.name)}`,
      'security: true',
      `answers: [${capability.id}]`,
    ]);
    if (item) {
      const { [context.uri]: edits = [], ...elsewhere } = item.edits;
      fixes.push({
        title: `Create backlog item ${item.id} that answers ${quoted(capability.id)}`,
        diagnostic,
        edits,
        elsewhere: Object.keys(elsewhere).length ? elsewhere : undefined,
        isPreferred: true,
      });
    }
    if (why) {
      for (const rank of [0, 1]) {
        const insertion = abuseCaseInsertion(context.workspace, why.uri, why.useCase, { family: capability.id, rank });
        if (!insertion) break;
        const here = why.uri === context.uri;
        fixes.push({
          title: `Add abuse case to ${quoted(why.useCase.id?.value ?? why.useCase.title ?? 'the use case')}: ${insertion.description}`,
          diagnostic,
          edits: here ? [insertion.edit] : [],
          elsewhere: here ? undefined : { [why.uri]: [insertion.edit] },
          select: here ? insertion.select : undefined,
        });
      }
    }
    return fixes;
  },

  // Once the verification has been done again: it is dated today.
  'verification-overdue': (diagnostic, context) => {
    const today = context.workspace.todayDate;
    return [
      {
        title: `Renew the verification, dated today (${today})`,
        diagnostic,
        edits: [{ range: diagnostic.range, newText: today }],
        isPreferred: true,
      },
    ];
  },

  // Once the work has been done again: it was last done today.
  'recurring-overdue': (diagnostic, context) => {
    const today = context.workspace.todayDate;
    const title = `Record it as done today (${today})`;
    if (diagnostic.data?.due !== undefined)
      return [{ title, diagnostic, edits: [{ range: diagnostic.range, newText: today }], isPreferred: true }];
    const item = context.model.backlog.find((candidate) => sameRange(candidate.recurs?.range, diagnostic.range));
    const map = item && context.objects.find((object) => object.node.range?.[0] === item.range.start)?.node;
    const edit = map && appendPair(context.text, map, [`last_done: ${today}`]);
    return edit ? [{ title, diagnostic, edits: [edit], isPreferred: true }] : [];
  },

  // The best-ranked unwitting template, and the next as an alternative.
  'no-unwitting-case': (diagnostic, context) => catalogAbuseCaseFixes(diagnostic, context, { intent: 'unwitting' }, 2),

  unmitigated: (diagnostic, context) => {
    const found = abuseCaseAt(context.model, diagnostic.range);
    if (!found) return [];
    const suggested = mitigationInsertion(context.workspace, context.uri, found.abuseCase);
    const skeleton = mitigationInsertion(context.workspace, context.uri, found.abuseCase, { skeleton: true });
    const insertions =
      suggested && suggested.description !== skeleton?.description ? [suggested, skeleton] : [skeleton];
    return insertions.flatMap((insertion, index) =>
      insertion
        ? [
            {
              title: `Add ${insertion.description}`,
              diagnostic,
              edits: [insertion.edit],
              select: insertion.select,
              isPreferred: index === 0,
            },
          ]
        : [],
    );
  },

  'unplanned-mitigation': (diagnostic, context) => {
    const found = context.model.useCases
      .flatMap((useCase) => useCase.abuseCases)
      .flatMap((abuseCase) => abuseCase.mitigations.map((mitigation) => ({ abuseCase, mitigation })))
      .find(({ mitigation }) => sameRange(mitigation.anchor, diagnostic.range));
    if (!found) return [];
    const one = backlogItemsFix([found.mitigation], '', diagnostic, context);
    const unplanned = found.abuseCase.mitigations.filter((mitigation) => mitigation.backlog.length === 0);
    const all =
      unplanned.length > 1
        ? backlogItemsFix(
            unplanned,
            `of ${quoted(found.abuseCase.id?.value ?? 'this abuse case')}`,
            diagnostic,
            context,
          )
        : undefined;
    return [one, all && { ...all, isPreferred: false }].filter((fix): fix is QuickFix => !!fix);
  },

  'unknown-backlog-item': (diagnostic, context) => {
    const id = diagnostic.data?.id;
    const root = context.objects[0];
    if (typeof id !== 'string' || !root || root.shape.fields.backlog === undefined) return [];
    const lines = [`id: ${id}`, ...backlogItemFieldsFor(diagnostic.range, context)];
    const edit = addListItems(context.text, root.node, 'backlog', [lines]);
    return edit
      ? [{ title: `Create backlog item ${quoted(id)} in this file`, diagnostic, edits: [edit], isPreferred: true }]
      : [];
  },

  'missing-field': (diagnostic, context) => {
    const field = diagnostic.data?.field;
    if (typeof field !== 'string') return [];
    const object = context.objects.find(
      (candidate) =>
        candidate.shape.fields[field] !== undefined &&
        sameRange(missingFieldOf(candidate, field)?.range, diagnostic.range),
    );
    const pair = object?.pairs.get(field);
    if (!object) return [];
    const value = valueFor(field, object.shape.fields[field], object, context);
    const edit = pair
      ? setEmptyValue(context.text, pair as Pair<Node, Node | null>, value)
      : appendPair(context.text, object.node, [`${field}: ${value}`]);
    return edit ? [{ title: `Add ${quoted(`${field}: ${value}`)}`, diagnostic, edits: [edit], isPreferred: true }] : [];
  },
};

/** "Add abuse case: …" from the best `count` catalog templates for the use case a finding is in, the first preferred. */
function catalogAbuseCaseFixes(
  diagnostic: EngineDiagnostic,
  context: FixContext,
  options: Omit<NonNullable<Parameters<typeof abuseCaseInsertion>[3]>, 'rank'>,
  count: number,
): QuickFix[] {
  const useCase = context.model.useCases.find((candidate) => within(diagnostic.range, candidate.range));
  if (!useCase) return [];
  return Array.from({ length: count }, (_, rank) => rank).flatMap((rank) => {
    const insertion = abuseCaseInsertion(context.workspace, context.uri, useCase, { ...options, rank });
    return insertion
      ? [
          {
            title: `Add abuse case: ${insertion.description}`,
            diagnostic,
            edits: [insertion.edit],
            select: insertion.select,
            isPreferred: rank === 0,
          },
        ]
      : [];
  });
}

function within(inner: OffsetRange, outer: OffsetRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function sameRange(a: OffsetRange | undefined, b: OffsetRange): boolean {
  return !!a && a.start === b.start && a.end === b.end;
}

function abuseCaseAt(model: FileModel, range: OffsetRange): { useCase: UseCase; abuseCase: AbuseCase } | undefined {
  for (const useCase of model.useCases) {
    for (const abuseCase of useCase.abuseCases) if (sameRange(abuseCase.anchor, range)) return { useCase, abuseCase };
  }
  return undefined;
}

/** A new backlog item's fields, from what refers to it: a mitigation's title (security work), a use case's title, or an epic. */
function backlogItemFieldsFor(range: OffsetRange, context: FixContext): string[] {
  for (const item of context.model.backlog) {
    if (item.parent && sameRange(item.parent.range, range)) return ['title: TODO describe this epic', 'type: epic'];
  }
  for (const useCase of context.model.useCases) {
    if (useCase.backlog.some((ref: Located<string>) => sameRange(ref.range, range)))
      return [`title: ${yamlScalar(useCase.title ?? 'TODO')}`];
    for (const abuseCase of useCase.abuseCases) {
      for (const mitigation of abuseCase.mitigations) {
        if (mitigation.backlog.some((ref) => sameRange(ref.range, range))) {
          return [`title: ${yamlScalar(mitigation.title?.value ?? 'TODO')}`, 'security: true'];
        }
      }
    }
  }
  return ['title: TODO'];
}

/** A value for a missing field that satisfies the rules and is easy to overwrite. */
function valueFor(field: string, spec: FieldSpec, object: LocatedObject, context: FixContext): string {
  const type: ValueType = spec.type;
  if (type.kind === 'id') {
    const prefix = object.shape.name === 'use case' ? 'UC' : object.shape.name === 'abuse case' ? 'AB' : 'ID';
    const titleNode = object.pairs.get('title')?.value;
    const slug = isScalar(titleNode)
      ? String(titleNode.value)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 40)
      : '';
    const taken = new Set(
      [
        ...context.workspace.definitionsOfKind('use case'),
        ...context.workspace.definitionsOfKind('abuse case'),
        ...context.workspace.definitionsOfKind('backlog item'),
      ].map((d) => d.id),
    );
    return freshId(`${prefix}-${slug || 'new'}`, taken);
  }
  if (type.kind === 'enum') return spec.default ?? type.values[0];
  if (type.kind === 'date') return monthsAfter(context.workspace.todayDate, 3);
  if (type.kind === 'list' && type.of.kind === 'enum' && type.of.values === DIMENSIONS) {
    return `[${firstUncoveredDimension(object, context) ?? 'confidentiality'}]`;
  }
  if (type.kind === 'list') return '[TODO]';
  return field === 'by' ? 'TODO name (role)' : 'TODO';
}

/** For an abuse case missing `threatens`: the first dimension its use case requires and nothing covers yet. */
function firstUncoveredDimension(object: LocatedObject, context: FixContext): Dimension | undefined {
  const start = object.node.range?.[0];
  const useCase = context.model.useCases.find((candidate) =>
    candidate.abuseCases.some((abuseCase) => abuseCase.range.start === start),
  );
  if (!useCase) return undefined;
  return coverageOf(useCase, context.workspace.dataClasses, context.workspace.todayDate).dimensions.find(
    (dimension) => !dimension.covered && (dimension.level === 'high' || dimension.level === 'medium'),
  )?.dimension;
}

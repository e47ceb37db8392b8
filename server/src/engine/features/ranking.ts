import { Template } from '../catalog';
import { quoted } from '../quote';
import { coverageOf } from '../cia';
import { DataClass } from '../dataClasses';
import { Dimension } from '../format';
import { AbuseCase, UseCase } from '../model';
import { relevanceIndexOf, termsOf, weightedTermsOf } from './relevance';

export interface RankedTemplate {
  template: Template;
  /** The tier (2000 closes a high gap, 1000 a medium one, 0 none) plus the relevance within it. */
  score: number;
  /** Why it ranks where it does, in words a product manager reads in the completion's details. */
  reasons: readonly string[];
}

/**
 * Weight of the data classes a template shares with the use case, as a share
 * of the use case's data classes: about one rare word of the description. It
 * orders templates the words do not tell apart, without letting a template
 * that lists many data classes outrank one that is about the use case.
 */
const DATA_WEIGHT = 2;

/** The title says what the use case is about; its description, steps and actor tell how. */
const TITLE_WEIGHT = 2;

/** At most this many matched words are named in a reason. */
const NAMED_WORDS = 4;

/**
 * Ranks catalog templates for one use case. First come templates that
 * threaten a dimension the use case requires but none of its abuse cases
 * covers yet (closing a high requirement before a medium one, however many
 * dimensions they threaten); within each tier, the templates most relevant to
 * the use case's own words (title, description, steps, actor), with shared
 * data classes a lesser signal; exact ties keep the catalog's order.
 * Templates the use case already uses are left out.
 *
 * A ranking is kept for the latest use-case states of each catalog (see RANKINGS_KEPT): the `-` and the space that
 * open the completion, or asking again, rank once; a change to anything the ranking reads ranks again.
 */
export function rankTemplates(
  useCase: UseCase,
  catalog: readonly Template[],
  dataClasses: ReadonlyMap<string, DataClass>,
  options: { dimension?: Dimension; today?: string } = {},
): readonly RankedTemplate[] {
  const used = new Set(
    useCase.abuseCases.flatMap((abuseCase) => (abuseCase.template ? [abuseCase.template.value] : [])),
  );
  const gaps = coverageOf(useCase, dataClasses, options.today ?? '0000-00-00').dimensions.filter(
    (dimension) => !dimension.covered && (dimension.level === 'high' || dimension.level === 'medium'),
  );
  const data = new Set(useCase.data.map((item) => item.value));
  // Everything below reads of the use case, and nothing else but the catalog.
  const state = JSON.stringify([
    options.dimension ?? '',
    [...used],
    gaps.map((gap) => [gap.dimension, gap.level, gap.source.kind === 'data' ? gap.source.dataClass : '']),
    [...data],
    useCase.title,
    useCase.description,
    useCase.steps,
    useCase.actor,
  ]);
  let kept = rankingsByCatalog.get(catalog);
  if (!kept) rankingsByCatalog.set(catalog, (kept = new Map()));
  const known = kept.get(state);
  if (known) return known;
  const query = weightedTermsOf([
    { text: useCase.title, weight: TITLE_WEIGHT },
    { text: useCase.description, weight: 1 },
    ...useCase.steps.map((text) => ({ text, weight: 1 })),
    { text: useCase.actor, weight: 1 },
  ]);
  const index = relevanceIndexOf(catalog);

  const ranked: (RankedTemplate & { tier: number; relevance: number; dataFit: number; order: number })[] = [];
  catalog.forEach((template, order) => {
    if (used.has(template.id)) return;
    if (options.dimension && !template.threatens.includes(options.dimension)) return;
    const reasons: string[] = [];
    const closes = gaps.filter((gap) => template.threatens.includes(gap.dimension));
    const tier = closes.some((gap) => gap.level === 'high') ? 2 : closes.length ? 1 : 0;
    if (closes.length) {
      const named = closes.map(
        (gap) =>
          `${gap.dimension} (required ${gap.level}${gap.source.kind === 'data' ? ` by ${quoted(gap.source.dataClass)}` : ''})`,
      );
      reasons.push(`covers ${named.join(' and ')}, which no abuse case threatens yet`);
    }
    const { score: wordScore, words } = index.relevance(order, query);
    if (words.length) {
      const shown = words.slice(0, NAMED_WORDS).map((word) => quoted(word));
      if (words.length > NAMED_WORDS) shown.push(`${words.length - NAMED_WORDS} more`);
      reasons.push(`matches ${shown.join(', ')} in the use case`);
    }
    const sharedData = template.data.filter((name) => data.has(name));
    const dataFit = data.size ? sharedData.length / data.size : 0;
    if (sharedData.length) reasons.push(`applies to ${sharedData.map((name) => `'${name}'`).join(', ')} data`);
    const relevance = wordScore + DATA_WEIGHT * dataFit;
    ranked.push({ template, score: tier * 1000 + relevance, reasons, tier, relevance, dataFit, order });
  });
  ranked.sort((a, b) => b.tier - a.tier || b.relevance - a.relevance || b.dataFit - a.dataFit || a.order - b.order);
  const ranking = Object.freeze(ranked.map(({ template, score, reasons }) => ({ template, score, reasons })));
  if (kept.size >= RANKINGS_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(state, ranking);
  return ranking;
}

/** Rankings kept per catalog (`Workspace.catalog()` answers the same array until a template changes). */
const rankingsByCatalog = new WeakMap<readonly Template[], Map<string, readonly RankedTemplate[]>>();
/** A few use cases' worth: an author moves between neighbouring use cases while writing abuse cases. */
const RANKINGS_KEPT = 16;

/**
 * The template an abuse case written without `template:` most likely
 * follows: it must threaten what the abuse case threatens, and its keywords
 * or title must share words with the abuse case's title or actor; undefined
 * when nothing matches well enough to suggest.
 */
export function templateMatching(abuseCase: AbuseCase, catalog: readonly Template[]): Template | undefined {
  const query = termsOf(abuseCase.title, abuseCase.actor);
  const index = relevanceIndexOf(catalog);
  let best: { template: Template; score: number } | undefined;
  catalog.forEach((template, order) => {
    if (!abuseCase.threatens.every((threat) => template.threatens.includes(threat.value))) return;
    const { score, named } = index.relevance(order, query);
    if (named && score >= MATCHING_THRESHOLD && (!best || score > best.score)) best = { template, score };
  });
  return best?.template;
}

/** About one keyword that a tenth of the catalog has (its weight times its IDF): less is a coincidence, not the abuse case's template. */
const MATCHING_THRESHOLD = 3 * Math.log(1 + 10);

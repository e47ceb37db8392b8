import { Template } from '../catalog';
import { coverageOf } from '../cia';
import { DataClass } from '../dataClasses';
import { Dimension } from '../format';
import { AbuseCase, UseCase } from '../model';

export interface RankedTemplate {
  template: Template;
  score: number;
  /** Why it ranks where it does, in words a product manager reads in the completion's details. */
  reasons: string[];
}

/**
 * Ranks catalog templates for one use case. First come templates that threaten
 * a dimension the use case requires but none of its abuse cases covers yet
 * (closing a high requirement before a medium one); within that tier, and
 * below it, templates matching its data classes and the words of its title,
 * description and steps come first. Templates the use case already uses are
 * left out.
 */
export function rankTemplates(
  useCase: UseCase,
  catalog: readonly Template[],
  dataClasses: ReadonlyMap<string, DataClass>,
  options: { dimension?: Dimension; today?: string } = {},
): RankedTemplate[] {
  const used = new Set(useCase.abuseCases.flatMap((abuseCase) => (abuseCase.template ? [abuseCase.template.value] : [])));
  const gaps = coverageOf(useCase, dataClasses, options.today ?? '0000-00-00').dimensions.filter(
    (dimension) => !dimension.covered && (dimension.level === 'high' || dimension.level === 'medium'),
  );
  const data = new Set(useCase.data.map((item) => item.value));
  const words = wordsOf([useCase.title, useCase.description, ...useCase.steps].filter((s): s is string => !!s).join(' '));

  const ranked: RankedTemplate[] = [];
  for (const template of catalog) {
    if (used.has(template.id)) continue;
    if (options.dimension && !template.threatens.includes(options.dimension)) continue;
    const reasons: string[] = [];
    const closes = gaps.filter((gap) => template.threatens.includes(gap.dimension));
    // The tier: closing a gap at high beats closing one at medium beats closing none; within a tier relevance decides.
    let score = (closes.some((gap) => gap.level === 'high') ? 2000 : closes.length ? 1000 : 0) + closes.length;
    if (closes.length) {
      const named = closes.map((gap) => `${gap.dimension} (required ${gap.level}${gap.source.kind === 'data' ? ` by '${gap.source.dataClass}'` : ''})`);
      reasons.push(`covers ${named.join(' and ')}, which no abuse case threatens yet`);
    }
    const sharedData = template.data.filter((name) => data.has(name));
    if (sharedData.length) {
      score += 10 * sharedData.length;
      reasons.push(`applies to ${sharedData.map((name) => `'${name}'`).join(', ')} data`);
    }
    const matched = template.keywords.filter((keyword) =>
      wordsOf(keyword).every((part) => words.some((word) => sameWord(word, part))),
    );
    if (matched.length) {
      score += 3 * matched.length;
      reasons.push(`matches ${matched.map((keyword) => `'${keyword}'`).join(', ')} in the use case`);
    }
    ranked.push({ template, score, reasons });
  }
  return ranked.sort((a, b) => b.score - a.score || a.template.id.localeCompare(b.template.id));
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** A word of the use case matches a keyword it starts with: `payments` matches `payment`, `sign` does not match `signup`. */
function sameWord(word: string, key: string): boolean {
  return word === key || (key.length >= 4 && word.startsWith(key));
}

/**
 * The template an abuse case written without `template:` most likely
 * follows: it must threaten what the abuse case threatens, and share words
 * with its title; undefined when nothing matches well enough to suggest.
 */
export function templateMatching(abuseCase: AbuseCase, catalog: readonly Template[]): Template | undefined {
  const words = wordsOf(`${abuseCase.title ?? ''} ${abuseCase.actor ?? ''}`);
  let best: { template: Template; score: number } | undefined;
  for (const template of catalog) {
    if (!abuseCase.threatens.every((threat) => template.threatens.includes(threat.value))) continue;
    const titleWords = wordsOf(template.title).filter((word) => word.length >= 4);
    const score =
      template.keywords.filter((keyword) => wordsOf(keyword).every((part) => words.some((word) => sameWord(word, part)))).length * 2 +
      titleWords.filter((part) => words.some((word) => sameWord(word, part))).length;
    if (score >= 2 && (!best || score > best.score)) best = { template, score };
  }
  return best?.template;
}

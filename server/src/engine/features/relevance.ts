import { Template } from '../catalog';
import { stem } from '../stem';

/**
 * How relevant a catalog template is to some text (a use case, an abuse
 * case's title): the stems they share, each weighed by how rare it is in the
 * catalog (IDF) and by where the template has it. A keyword is the
 * template's own word for what it is about, so it weighs most; the title
 * next; the description least, and a long description is discounted so that
 * it does not win by having more words.
 */

/**
 * What a template's term is worth where it appears, added up over the fields
 * it appears in: its keywords and title name what it is about, its
 * description only tells the story.
 */
const FIELD_WEIGHT = { keyword: 3, title: 3, description: 1 } as const;
/** 0 ignores a template's length, 1 divides by it; between, long templates are discounted somewhat (as in BM25). */
const LENGTH_DISCOUNT = 0.5;

/** Function words, matched as written, not by stem, which could be a real word's too. */
const FUNCTION_WORDS = new Set(
  (
    'a about after again all also am an and any are as at be because been before being between both but by can could did do does done each ' +
    'either etc even every for from get gets got had has have he her here him his how if in into is it its just let lets may me might more ' +
    'most much must my no nor not now of off on once one only or other others our out over own per same she should so some such than that ' +
    'the their them then there these they this those through to too under until up upon us very via was we were what when where whether ' +
    'which while who whom whose why will with within without would yet you your nothing anything everything ' +
    'myself yourself himself herself itself ourselves yourselves themselves'
  ).split(' '),
);

/**
 * The generic words of any product, matched by stem: every template has an
 * account, a user and some data, and every flow opens, clicks and saves, so
 * these matched catalog keywords by chance ('account', 'code', 'name').
 */
const GENERIC_STEMS = new Set(
  (
    'account user data code name message report system product customer member person people app application page feature service ' +
    'information thing something someone somebody anyone anybody everyone everybody nobody way time new make use using want need able ' +
    'open click tap see look set enter choose pick type show next first last save take start go stay keep number free'
  )
    .split(' ')
    .map(stem),
);

/**
 * Phrases read as one word. 'Sign in', 'sign-in', 'log in' and 'login' are
 * one act, and not the 'sign' of a signature or a contract; 'sign up' is
 * signing up, 'log out' logging out, 'locks the owner out' a lockout, not a door's lock, and
 * only a free tier, plan or trial is the 'free' of free-tier abuse (not a free cancellation or a free bed). Applied to the lower-cased text of both
 * the use case and the catalog.
 */
const PHRASES: readonly [RegExp, string][] = [
  [/\be-?mail(?: address(?:es)?)?/g, 'email'],
  [/\b(?:sign|log)(?:s|ed|ged|ing|ging)?[- ]?(?:in|on)(?:to)?\b/g, 'login'],
  [/\bsign(?:s|ed|ing)?[- ]?up\b/g, 'signup'],
  [/\b(?:sign|log)(?:s|ed|ged|ing|ging)?[- ]?(?:out|off)\b/g, 'logout'],
  [/\block(?:s|ed|ing)?((?: [a-z]+){0,2}) out\b/g, 'lockout$1'],
  [/\bfree[- ](?:tier|plan|trial|account|version|credit|storage)s?\b/g, 'freetier $&'],
  [/\btext messages?\b/g, 'sms'],
  [/\bface[- ]?id\b/g, 'biometric'],
];

/**
 * Words that product managers and the catalog write differently for the same
 * thing, each read as the catalog's word (after PHRASES, before stemming).
 * Only plain synonyms of a domain: a word that means something else in
 * another product (a 'ticket' of a concert and of a help desk) does not
 * belong here.
 */
const VARIANTS: ReadonlyMap<string, string> = new Map([
  // Votes and polls.
  ['poll', 'vote'],
  ['polls', 'vote'],
  ['ballot', 'vote'],
  ['ballots', 'vote'],
  // Biometric sign-in.
  ['fingerprint', 'biometric'],
  ['fingerprints', 'biometric'],
  ['biometrics', 'biometric'],
  // Buying.
  ['buy', 'purchase'],
  ['buys', 'purchase'],
  ['buying', 'purchase'],
  ['bought', 'purchase'],
  // Phones.
  ['smartphone', 'phone'],
  ['smartphones', 'phone'],
  ['cellphone', 'phone'],
  // Connected devices.
  ['iot', 'device'],
  ['gadget', 'device'],
]);

/** The distinct stems of a text, each with the first word it was written as and how much it says about the text. */
export type Terms = ReadonlyMap<string, { word: string; weight: number }>;

/** The stems of `texts` that can tell one threat from another, with the word as written. */
export function termsOf(...texts: (string | undefined)[]): Terms {
  return weightedTermsOf(texts.map((text) => ({ text, weight: 1 })));
}

/** Like termsOf, where a stem found in several texts keeps the weight of the heaviest. */
export function weightedTermsOf(texts: readonly { text: string | undefined; weight: number }[]): Terms {
  const terms = new Map<string, { word: string; weight: number }>();
  for (const { text, weight } of texts) {
    if (!text) continue;
    // 'e-mail' and 'e-mail address' are one word, and so are the phrasal verbs of PHRASES; other hyphenated
    // words are read as their parts ('multi-factor', 'e-signature').
    let lower = text.toLowerCase();
    for (const [pattern, replacement] of PHRASES) lower = lower.replace(pattern, replacement);
    for (const written of lower.match(/[a-z0-9]+/g) ?? []) {
      if (written.length < 2 || /^\d+$/.test(written) || FUNCTION_WORDS.has(written)) continue;
      const word = VARIANTS.get(written) ?? written;
      const key = stem(word);
      if (GENERIC_STEMS.has(key)) continue;
      const known = terms.get(key);
      if (!known) terms.set(key, { word, weight });
      else if (known.weight < weight) known.weight = weight;
    }
  }
  return terms;
}

/** A template's terms with the weight of the fields they appear in. */
interface TemplateTerms {
  weights: ReadonlyMap<string, number>;
  /** Whether the term is one of its keywords or in its title: enough on its own to name the threat. */
  naming: ReadonlySet<string>;
}

export interface Relevance {
  score: number;
  /** The matched words as the text wrote them, the strongest first. */
  words: string[];
  /** Some matched word is a keyword or a title word of the template, not only in its description. */
  named: boolean;
}

/** The terms and their rarity over one catalog; built once per catalog, not per completion request. */
export class RelevanceIndex {
  private readonly idf = new Map<string, number>();
  private readonly idfOfUnseen: number;
  private readonly averageWeight: number;

  constructor(private readonly terms: readonly TemplateTerms[]) {
    const documentFrequency = new Map<string, number>();
    for (const { weights } of terms)
      for (const term of weights.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    const n = Math.max(terms.length, 1);
    for (const [term, df] of documentFrequency) this.idf.set(term, Math.log(1 + n / df));
    this.idfOfUnseen = Math.log(1 + n);
    this.averageWeight = terms.reduce((sum, entry) => sum + totalWeight(entry), 0) / n || 1;
  }

  /** How relevant the template at `index` in the catalog is to `query`. */
  relevance(index: number, query: Terms): Relevance {
    const template = this.terms[index];
    const norm = 1 - LENGTH_DISCOUNT + (LENGTH_DISCOUNT * totalWeight(template)) / this.averageWeight;
    const matched: { word: string; contribution: number }[] = [];
    let named = false;
    for (const [term, { word, weight: queryWeight }] of query) {
      const weight = template.weights.get(term);
      if (!weight) continue;
      matched.push({ word, contribution: (queryWeight * weight * (this.idf.get(term) ?? this.idfOfUnseen)) / norm });
      named ||= template.naming.has(term);
    }
    matched.sort((a, b) => b.contribution - a.contribution);
    return {
      score: matched.reduce((sum, entry) => sum + entry.contribution, 0),
      words: matched.map((entry) => entry.word),
      named,
    };
  }
}

const totalWeightCache = new WeakMap<TemplateTerms, number>();
function totalWeight(terms: TemplateTerms): number {
  let total = totalWeightCache.get(terms);
  if (total === undefined) {
    total = 0;
    for (const weight of terms.weights.values()) total += weight;
    totalWeightCache.set(terms, total);
  }
  return total;
}

/**
 * The index of a catalog. `Workspace.catalog()` returns a new array, with new
 * objects for the team templates, whenever a file that writes templates
 * changes, so templates are cached by their content and the index is reused
 * while the catalog holds the same templates in the same order.
 */
export function relevanceIndexOf(catalog: readonly Template[]): RelevanceIndex {
  const terms = catalog.map(templateTermsOf);
  if (!lastIndex || lastIndex.terms.length !== terms.length || lastIndex.terms.some((entry, i) => entry !== terms[i])) {
    lastIndex = { terms, index: new RelevanceIndex(terms) };
  }
  return lastIndex.index;
}

let lastIndex: { terms: readonly TemplateTerms[]; index: RelevanceIndex } | undefined;
const termsByTemplate = new WeakMap<Template, TemplateTerms>();
const termsByContent = new Map<string, TemplateTerms>();
/** Bounds the content cache, which a long session editing a team catalog would otherwise grow. */
const CONTENT_CACHE_LIMIT = 2000;

function templateTermsOf(template: Template): TemplateTerms {
  const cached = termsByTemplate.get(template);
  if (cached) return cached;
  const content = [template.title, template.description, ...template.keywords].join('\u0000');
  let terms = termsByContent.get(content);
  if (!terms) {
    terms = templateTerms(template);
    if (termsByContent.size >= CONTENT_CACHE_LIMIT) termsByContent.clear();
    termsByContent.set(content, terms);
  }
  termsByTemplate.set(template, terms);
  return terms;
}

function templateTerms(template: Template): TemplateTerms {
  const weights = new Map<string, number>();
  const add = (terms: Terms, weight: number) => {
    for (const term of terms.keys()) weights.set(term, (weights.get(term) ?? 0) + weight);
  };
  const keywords = termsOf(...template.keywords);
  const title = termsOf(template.title);
  const description = termsOf(template.description);
  add(keywords, FIELD_WEIGHT.keyword);
  add(title, FIELD_WEIGHT.title);
  add(description, FIELD_WEIGHT.description);
  return { weights, naming: new Set([...keywords.keys(), ...title.keys()]) };
}

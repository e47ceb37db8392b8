/**
 * A light suffix-stripping stemmer for English, in the spirit of Porter's but
 * much shorter. It conflates the inflections that a use case and a catalog
 * template write differently (payments, payment; uploaded, uploading, upload;
 * shares, shared, sharing, share; deletion, delete; invitation, invite;
 * organisation, organization) and never joins different words that merely
 * begin alike (sign, signature and signup stay three stems). Stems are keys,
 * not words: `share` stems to `shar`.
 *
 * Expects a lower-case word of letters and digits.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  // British and American spellings meet: organise/organize, summarised/summarized.
  w = w.replace(/^([a-z]{2,})is(e|es|ed|ing|ation|ations)$/, '$1iz$2');

  // Plurals and the third person: policies, addresses, payments (not status, analysis).
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length >= 5) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length >= 4) w = w.slice(0, -1);

  // Past tense and the gerund: agreed, applied, uploaded, planned, sharing.
  if (w.endsWith('eed')) w = w.slice(0, -1);
  else if (w.endsWith('ied') && w.length >= 5) w = `${w.slice(0, -3)}i`;
  else {
    const suffix = w.endsWith('ed') ? 2 : w.endsWith('ing') ? 3 : 0;
    const rest = w.slice(0, w.length - suffix);
    if (suffix && isStem(rest)) w = undouble(rest) ?? restoreE(rest);
  }

  // Nouns of action meet their verbs: invitation/invite, deletion/delete, discussion/discuss,
  // description/describe, approval/approve, renewal/renew, proposal/propose.
  if (w.endsWith('scription')) w = `${w.slice(0, -7)}rib`;
  else if (/[vws]al$/.test(w) && w.length >= 7) w = w.slice(0, -2);
  else if (w.endsWith('ation') && isStem(w.slice(0, -5))) w = w.slice(0, -5);
  else if (w.endsWith('tion') && isStem(w.slice(0, -3))) w = w.slice(0, -3);
  else if (w.endsWith('sion') && w.length >= 7) w = w.slice(0, -3);

  // policy/policies, apply/applied: a final y after a consonant reads as i.
  if (/[^aeiou]y$/.test(w) && w.length >= 3) w = `${w.slice(0, -1)}i`;
  // invite/invited: the silent e goes, unless a short stem needs it to stay apart (fare, far; note, not).
  if (w.endsWith('e') && isStem(w.slice(0, -1)) && !(measure(w.slice(0, -1)) === 1 && endsShort(w.slice(0, -1))))
    w = w.slice(0, -1);
  return w;
}

/** shar(ed) → share, cod(ed) → code: a short stem that lost its silent e to -ed or -ing gets it back (Porter's rule). */
function restoreE(rest: string): string {
  return measure(rest) === 1 && endsShort(rest) ? `${rest}e` : rest;
}

/** Porter's measure: how many vowel-consonant sequences the stem has (`tr` 0, `share` 1, `invit` 2). */
function measure(word: string): number {
  let m = 0;
  let previousVowel = false;
  for (let i = 0; i < word.length; i++) {
    const vowel = isVowelAt(word, i);
    if (previousVowel && !vowel) m++;
    previousVowel = vowel;
  }
  return m;
}

/** Ends consonant-vowel-consonant, the last not w, x or y: `shar`, `cod`, `fare` without its e. */
function endsShort(word: string): boolean {
  const n = word.length;
  return n >= 3 && !isVowelAt(word, n - 3) && isVowelAt(word, n - 2) && !isVowelAt(word, n - 1) && !/[wxy]$/.test(word);
}

/** y is a vowel after a consonant (`type`), a consonant at the start or after a vowel (`yes`, `key`). */
function isVowelAt(word: string, i: number): boolean {
  const ch = word[i];
  if ('aeiou'.includes(ch)) return true;
  return ch === 'y' && i > 0 && !'aeiou'.includes(word[i - 1]);
}

/** Long enough, with a vowel, to stand as a stem once a suffix is removed (so `sing` and `string` keep their -ing). */
function isStem(rest: string): boolean {
  return rest.length >= 3 && /[aeiouy]/.test(rest);
}

/** planned → plan, shipping → ship; undefined for pass, call and buzz, which keep their double letter, and for a short add. */
function undouble(rest: string): string | undefined {
  return rest.length >= 4 && /([^aeiouylsz])\1$/.test(rest) ? rest.slice(0, -1) : undefined;
}

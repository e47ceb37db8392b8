import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
export const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/usecase-yaml.tmLanguage.json');
export const LANGUAGE_CONFIGURATION_PATH = path.join(ROOT, 'syntaxes/language-configuration.json');
export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const SCOPE_NAME = 'source.usecase-yaml';

const TM_GRAMMARS_YAML = require.resolve('tm-grammars/grammars/yaml.json');

/**
 * The YAML grammar the use-case grammar is tested on top of:
 * - `tm-grammars`: textmate/yaml.tmbundle, as shipped by tm-grammars (and by VS Code before it moved to RedCMD's grammar);
 * - `vscode`: the `source.yaml` that VS Code ships now (RedCMD/YAML-Syntax-Highlighter), whose top level is copied
 *   below: a rule from `\A` that holds for the whole document, front matter, then a basic grammar for embedding;
 * - `vscode-without-embedding`: the earlier RedCMD `source.yaml`, with only the `\A` rule.
 * For the two `vscode` ones, tm-grammars' YAML stands in for `source.yaml.1.2` and `source.yaml.embedded`, which are
 * not installed here: the point is the `\A` rule, which claims every line after the first it is offered.
 */
export type YamlGrammar = 'tm-grammars' | 'vscode' | 'vscode-without-embedding';
export const YAML_GRAMMARS: readonly YamlGrammar[] = ['tm-grammars', 'vscode', 'vscode-without-embedding'];

const VSCODE_SOURCE_YAML = {
  scopeName: 'source.yaml',
  patterns: [
    { comment: 'Default to YAML version 1.2', begin: '\\A', while: '^', patterns: [{ include: 'source.yaml.1.2' }] },
    {
      comment: 'Support legacy FrontMatter integration',
      begin: '(?<=^-{3,}\\s*+)\\G$',
      while: '^(?! {3,0}-{3,}[ \t]*+$|[ \t]*+\\.{3}$)',
      patterns: [{ include: 'source.yaml.1.2' }],
    },
    { comment: 'Basic version for embedding', include: 'source.yaml.embedded' },
  ],
};

function yamlGrammar(yaml: YamlGrammar, scopeName: string): vsctm.IRawGrammar | null {
  const tmbundle = (scope: string) => ({ ...JSON.parse(fs.readFileSync(TM_GRAMMARS_YAML, 'utf8')), scopeName: scope });
  const wrapper = (patterns: object[]) =>
    vsctm.parseRawGrammar(JSON.stringify({ ...VSCODE_SOURCE_YAML, patterns }), 'source.yaml.json');
  if (yaml === 'tm-grammars')
    return scopeName === 'source.yaml'
      ? vsctm.parseRawGrammar(fs.readFileSync(TM_GRAMMARS_YAML, 'utf8'), TM_GRAMMARS_YAML)
      : null;
  switch (scopeName) {
    case 'source.yaml':
      return wrapper(yaml === 'vscode' ? VSCODE_SOURCE_YAML.patterns : VSCODE_SOURCE_YAML.patterns.slice(0, 1));
    case 'source.yaml.1.2':
    case 'source.yaml.embedded':
      return vsctm.parseRawGrammar(JSON.stringify(tmbundle(scopeName)), `${scopeName}.json`);
    default:
      return null;
  }
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;

/** vscode-oniguruma can only be initialised once per process. */
function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM({ data: wasm });
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

/** The use-case grammar, with the YAML grammar it delegates to, as VS Code would load them. */
export async function loadGrammar(yaml: YamlGrammar = 'tm-grammars'): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) =>
      scopeName === SCOPE_NAME
        ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
        : yamlGrammar(yaml, scopeName),
  });
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  if (!grammar) throw new Error(`no grammar for ${SCOPE_NAME}`);
  return grammar;
}

export interface Token {
  /** Offsets into the whole text, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** Outermost first, as vscode-textmate reports them. */
  scopes: string[];
}

/** Tokenizes a document line by line, carrying the rule stack over as an editor does. */
export function tokenize(grammar: vsctm.IGrammar, text: string): Token[] {
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, line.length);
      if (end > token.startIndex) {
        tokens.push({
          start: offset + token.startIndex,
          end: offset + end,
          text: line.slice(token.startIndex, end),
          scopes: token.scopes,
        });
      }
    }
    state = result.ruleStack;
    offset += line.length + 1;
  }
  return tokens;
}

/**
 * Whether a scope stack holds `scope`, matched as a theme selector would:
 * `constant.other.enum` matches `constant.other.enum.status.usecase-yaml`.
 */
export function hasScope(scopes: readonly string[], scope: string): boolean {
  return scopes.some((s) => s === scope || s.startsWith(scope + '.'));
}

/** One line per token, for assertion messages. */
export function describeTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => `  ${JSON.stringify(t.text).padEnd(24)} ${t.scopes.slice(1).join(' ')}`).join('\n');
}

import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
export const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/usecase-yaml.tmLanguage.json');
export const LANGUAGE_CONFIGURATION_PATH = path.join(ROOT, 'syntaxes/language-configuration.json');
export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const SCOPE_NAME = 'source.usecase-yaml';

/** Where each grammar the registry may ask for lives on disk. */
const GRAMMAR_FILES: Record<string, string> = {
  [SCOPE_NAME]: GRAMMAR_PATH,
  'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
};

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
export async function loadGrammar(): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) => {
      const file = GRAMMAR_FILES[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
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

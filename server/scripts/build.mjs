// Bundles the extension client, the language server and the CLI with esbuild.
// Usage: node server/scripts/build.mjs [--watch] [--dev]
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');

// Some dependencies ship ESM that reads import.meta.url; in a CommonJS bundle it is derived from __filename.
const importMetaUrl = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: true,
  logLevel: 'info',
  define: { 'import.meta.url': '__importMetaUrl' },
};

const builds = [
  {
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
    banner: { js: importMetaUrl },
  },
  {
    entryPoints: ['server/src/lsp/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` },
  },
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` },
  },
];

if (watch) {
  for (const build of builds) await (await esbuild.context({ ...common, ...build })).watch();
} else {
  await Promise.all(builds.map((build) => esbuild.build({ ...common, ...build })));
}

import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { generatedFiles } from './generated';

const root = path.resolve(__dirname, '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
for (const [file, content] of generatedFiles(readme)) {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${file}`);
}

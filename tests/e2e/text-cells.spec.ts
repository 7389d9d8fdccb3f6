// Inside the LSTM (app/text/CellInspector.tsx) on the Moby-Dick model, on wasm (reading is one step per character;
// what it checks does not depend on the backend). The two passages are ours, written for this test.
import { expect, test } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { encodeRecipe } from '../../lib/share/codec';
import { modelRefFor } from '../../lib/share/model-ref';
import { CharRNN, disposeState } from '../../models/charrnn/model';
import { encode, normalizeText } from '../../models/charrnn/vocab';
import { startWasmBackend } from '../../models/node/backends';
import { publicModel } from '../../models/node/files';
import { registryEntry } from '../../models/registry';
import { expectStatus, watchConsole } from './helpers';

const FIRST = `“Stand by the boats!” cried the mate, and the men ran to the rail. “Is it the white one?” asked a boy from Nantucket. Nobody answered him. The old sailor only spat into the sea and said, “Whatever it is, it will not wait for us.” Then the wind rose, and for a long while no one spoke at all. At last the captain came up from below. “Lower away,” he said quietly, “and keep your oars wet.”`;
const SECOND = `The harbour was grey that morning. “You have been to sea before?” the landlord asked me, wiping a glass. I told him I had, twice, on merchant ships. He laughed. “Merchant ships! That is not the sea, my friend. That is a road with water on it.” I did not argue with him, for I was tired and the fire was warm. Later, when the rain came down, a tall stranger walked in and said, “I am looking for a man who is not afraid of whales.”`;
const MOBY = registryEntry('charrnn-moby-dick');

test('a chosen cell colours the characters; the best "inside quotes" cell of one passage tracks quotes in another far beyond shuffled labels; the gates equal a Node step; what the network writes is read when it ends', async ({
  page,
}) => {
  const errors = watchConsole(page);
  const link = await encodeRecipe({
    studio: 'text',
    v: 1,
    model: modelRefFor(MOBY),
    mode: 'text',
    prime: 'Call me ',
    temperature: 0.8,
    topK: 0,
    topP: 0.95,
    length: 20,
    seed: 1,
  });
  await page.goto(`/text?backend=wasm#r=${link}`);
  await expectStatus(page, 'done');

  const readPassage = async (text: string) => {
    await page.getByTestId('source-pasted').check();
    await page.getByTestId('pasted').fill(text);
    await page.getByTestId('read-cells').click();
    await expect(page.getByTestId('cell-text')).toHaveText(normalizeText(text), { timeout: 60_000 });
  };
  const colours = () =>
    page
      .locator('[data-testid="cell-text"] span')
      .evaluateAll((spans) => spans.map((s) => (s as HTMLElement).style.background));
  await readPassage(FIRST);
  const cellZero = await colours();
  expect(new Set(cellZero).size, 'one cell gives the characters different colours').toBeGreaterThan(20);
  await page.getByTestId('cell-number').fill('7');
  await expect.poll(colours, { message: 'another cell colours them otherwise' }).not.toEqual(cellZero);

  await page.getByTestId('property').selectOption('quotes');
  await page.getByTestId('find-cells').click();
  const best = page.getByTestId('ranked-0');
  const [layer, cell] = [Number(await best.getAttribute('data-layer')), Number(await best.getAttribute('data-cell'))];
  await expect(page.getByTestId('cell-text')).toHaveAttribute('data-cell', String(cell));
  const tracking = page.getByTestId('tracking');
  const onFirst = Number(await tracking.getAttribute('data-r'));
  await page.screenshot({ path: 'test-results/text-cells.png', fullPage: true });

  await readPassage(SECOND);
  const [onSecond, shuffledSecond] = [
    Number(await tracking.getAttribute('data-r')),
    Number(await tracking.getAttribute('data-shuffled')),
  ];
  console.log(
    `layer ${layer + 1} cell ${cell} and "inside quotes": r = ${onFirst.toFixed(3)} on the passage it was found on, ${onSecond.toFixed(3)} on another, ${shuffledSecond.toFixed(3)} with shuffled labels`,
  );
  expect(Math.abs(onSecond)).toBeGreaterThan(Math.abs(shuffledSecond));
  expect(Math.abs(onSecond), 'a cell that really follows quotes').toBeGreaterThan(0.5);

  // The gates shown for a character are a Node step of the same model after reading the same characters.
  const step = 40;
  await page.getByTestId(`char-${step}`).hover();
  await expect(page.getByTestId('gates')).toHaveAttribute('data-step', String(step));
  const shown = Object.fromEntries(
    await Promise.all(
      ['input', 'forget', 'candidate', 'output'].map(
        async (g) => [g, Number(await page.getByTestId(`gate-${g}`).getAttribute('data-value'))] as const,
      ),
    ),
  );
  await startWasmBackend();
  const rnn = new CharRNN(publicModel(MOBY.id, MOBY.version));
  await rnn.load();
  let state = rnn.initialState(1);
  let gates: Float32Array | null = null;
  for (const id of encode(SECOND).slice(0, step + 1)) {
    const next = rnn.stepWithGates([id], state);
    disposeState(state);
    state = next.state;
    gates = (await next.gates[layer].data()) as Float32Array;
    tf.dispose([next.logits, ...next.gates]);
  }
  disposeState(state);
  rnn.dispose();
  const hidden = 512;
  ['input', 'forget', 'candidate', 'output'].forEach((g, k) =>
    expect(Math.abs(shown[g] - gates![k * hidden + cell]), `${g} gate`).toBeLessThanOrEqual(1e-4),
  );

  // The text the network writes: once read, what it writes next is read as soon as the writing ends.
  await page.getByTestId('source-written').check();
  await page.getByTestId('read-cells').click();
  await expect(page.getByTestId('cell-text')).toHaveText((await page.getByTestId('result').textContent())!);
  const before = await page.getByTestId('result').textContent();
  await page.getByTestId('run').click();
  await expectStatus(page, 'done');
  const written = (await page.getByTestId('result').textContent())!;
  expect(written).not.toBe(before);
  await expect(page.getByTestId('cell-text')).toHaveText(written);
  expect(errors).toEqual([]);
});

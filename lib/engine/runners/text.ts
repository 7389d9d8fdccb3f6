// Text from its recipe, streamed. The engine keeps the last writer: a recipe whose prime continues the text that
// writer has read (a branch: the text on screen plus a forced character) goes on from its state, reseeded, which
// writes what a fresh writer primed with the whole text writes, without reading it all again.
import type { CharRNN } from '../../../models/charrnn/model';
import { readCells } from '../../../models/charrnn/cells';
import { Writer } from '../../../models/charrnn/sample';
import { Cancelled } from '../errors';
import type { RunContext } from './context';
import type { Frame, PlanOf } from '../protocol';

/** Keyed by the model instance, not its id: after a lost GPU device the shelf loads a new one on the new backend,
 * and a writer holding state on the lost one must not be continued. */
let session: { model: CharRNN; writer: Writer; read: string } | null = null;
/** The last text run: a new one waits for it (a cancelled run stops at its next frame), as both use the writer. */
let previous: Promise<unknown> = Promise.resolve();

/** Frames carry the characters written so far (without the prime) and the next character's logits. */
export function runText(context: RunContext, plan: PlanOf<'text'>): Promise<Frame<'text'>> {
  const run = previous.then(() => write(context, plan));
  previous = run.catch(() => undefined);
  return run;
}

async function write(context: RunContext, { model, recipe, flushEvery }: PlanOf<'text'>): Promise<Frame<'text'>> {
  if (context.cancelled) throw new Cancelled();
  const rnn = await context.model<CharRNN>(model);
  const continues =
    session && session.model === rnn && session.read.length > 0 && recipe.prime.startsWith(session.read);
  if (!continues) {
    session?.writer.dispose();
    session = { model: rnn, writer: new Writer(rnn, recipe.seed), read: '' };
  }
  const current = session!;
  const { writer } = current;
  await writer.feedAsync(recipe.prime.slice(current.read.length));
  writer.reseed(recipe.seed);
  current.read = recipe.prime;
  let written = '';
  const frame = (): Frame<'text'> => ({
    step: written.length,
    total: recipe.length,
    text: written,
    data: { logits: writer.nextLogits ?? null },
  });
  for (let i = 0; i < recipe.length; i++) {
    const char = await writer.nextAsync(recipe);
    written += char;
    current.read += char;
    if (recipe.mode === 'music' && (recipe.prime + written).endsWith('\n\n')) break;
    if (i % flushEvery === flushEvery - 1 && !(await context.show(frame()))) break;
  }
  if (context.cancelled) throw new Cancelled();
  return frame();
}

/** A text read cell by cell: every layer's cell states and gates at every step, for /text's look inside. */
export async function runLstmRead(
  context: RunContext,
  { model, text }: PlanOf<'lstm-read'>,
): Promise<Frame<'lstm-read'>> {
  const trace = await readCells(await context.model<CharRNN>(model), text);
  return { step: 1, total: 1, data: trace };
}

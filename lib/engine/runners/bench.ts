// A browser benchmark (lib/engine/benchmarks.ts) run inside the engine, on the engine's backend and models' files.
import { modelVersions, registryEntry } from '../../../models/registry';
import { browserModelFiles } from '../../models/loader';
import { BENCHMARKS } from '../benchmarks';
import type { Frame, PlanOf } from '../protocol';

export async function runBench({ name, maxSize, steps }: PlanOf<'bench'>): Promise<Frame<'bench'>> {
  const benchmark = BENCHMARKS[name];
  if (!benchmark) throw new Error(`There is no benchmark "${name}": try ${Object.keys(BENCHMARKS).join(', ')}.`);
  const figures = await benchmark(
    (id, version) => browserModelFiles(modelVersions(id).find((m) => m.version === version) ?? registryEntry(id)),
    { maxSize, steps },
  );
  return { step: 1, total: 1, data: figures };
}

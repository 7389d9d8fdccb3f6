'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import { arithmetic, latentFromSeed, slerp } from '@/models/dcgan-faces/latent';
import { registryEntry } from '@/models/registry';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { entryForRef, modelRefFor, olderVersionNote } from '@/lib/share/model-ref';
import { decodeLatent, encodeLatent, type FacesRecipe } from '@/lib/share/recipe';
import { roundVectorToHalf } from '@/lib/share/float16';
import { canvasToPng } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { SaveShare } from '../_components/SaveShare';
import { ModelStatus } from '../_components/ModelStatus';
import { FaceGrid } from './FaceGrid';
import { FacesControls } from './FacesControls';
import { Blend } from './Blend';
import { cellsOf, columnsFor, drawGrid } from './grid';
import { StudioFrame } from '../_components/StudioFrame';

const DCGAN = registryEntry('dcgan-faces');
const FRAMES = 8;

function randomSeeds(count: number): number[] {
  return Array.from(crypto.getRandomValues(new Uint32Array(count)));
}

type Latents = Float32Array[];

/** The vectors a recipe stands for: explicit latents (already float16), else one per seed. */
const latentsOf = (r: FacesRecipe): Latents =>
  r.latents?.length
    ? r.latents.map((s) => Float32Array.from(decodeLatent(s)!))
    : r.seeds.map((s) => latentFromSeed(s, r.truncation));

const settingsOf = (r: FacesRecipe): FacesSettings => ({ truncation: r.truncation });
type FacesSettings = { truncation: number };
const FIRST_SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

export default function FacesStudio() {
  const studio = useStudio<FacesSettings, FacesRecipe>({
    studio: 'faces',
    settingsOf,
    defaults: { truncation: 0 },
    // A link made with earlier weights loads those weights while they are served, so it remakes its faces.
    model: (state) => (state.linkRecipe && entryForRef(state.linkRecipe.model)) ?? DCGAN,
  });
  const { state, run, entry, model, status } = studio;
  const [picks, setPicks] = useState<number[]>([]);
  const [frames, setFrames] = useState<ImageData[] | null>(null);
  const grid = useRef<HTMLCanvasElement>(null);
  const strip = useRef<HTMLCanvasElement>(null);
  const shown = state.shown;
  const latents = useMemo<Latents>(() => (shown ? latentsOf(shown) : []), [shown]);
  const ready = model.phase === 'ready';

  const render = useCallback(
    (r: FacesRecipe) => {
      if (model.phase !== 'ready') return;
      const gan = model.model;
      setPicks([]);
      void run(r, async (c) => {
        const zs = latentsOf(r);
        const { image } = await c.engine({ kind: 'faces', model: gan, latents: zs });
        await drawGrid(image!, grid.current!, columnsFor(zs.length));
      });
    },
    [model, run],
  );
  useOpenOnce(state, ready, (link) =>
    render(link ?? { studio: 'faces', v: 1, model: modelRefFor(entry), seeds: FIRST_SEEDS, truncation: 0 }),
  );

  /** A new grid with the controls' settings: new seeds, or the shown seeds again (Redraw). */
  const drawWith = (seeds: number[]) =>
    render({ studio: 'faces', v: 1, model: modelRefFor(entry), seeds, truncation: state.settings.truncation });
  const pick = (index: number) =>
    setPicks((p) => (p.includes(index) ? p.filter((i) => i !== index) : [...p, index].slice(-3)));

  const blend = () => {
    if (model.phase !== 'ready' || picks.length < 2) return;
    const [a, b] = picks.map((i) => latents[i]);
    const zs = Array.from({ length: FRAMES }, (_, k) => slerp(a, b, k / (FRAMES - 1)));
    const gan = model.model;
    void run(null, async (c) => {
      const { image } = await c.engine({ kind: 'faces', model: gan, latents: zs });
      await drawGrid(image!, strip.current!, FRAMES);
      setFrames(cellsOf(strip.current!, FRAMES));
    });
  };
  /** A - B + C, shown beside its three faces as a recipe of explicit latents (float16, so its link remakes it). */
  const arithmeticOfPicks = () => {
    if (picks.length < 3 || !shown) return;
    const [a, b, c] = picks.map((i) => latents[i]);
    render({ ...shown, latents: [a, b, c, arithmetic(a, b, c)].map((z) => encodeLatent(roundVectorToHalf(z))) });
  };

  // Save and Share take the faces on screen and the recipe that made them, whatever the controls say now.
  const current = () =>
    shown && { recipe: shown, title: `${latents.length} faces`, output: () => canvasToPng(grid.current!) };
  const older = olderVersionNote(entry);
  const changed =
    studio.settingsChanged &&
    'Truncation changed: press Redraw or New faces to apply it. Save and Share keep the faces on screen.';

  return (
    <StudioFrame
      {...studio.frame}
      notice={changed || state.linkNote || older}
      controls={
        <>
          <ModelStatus state={model} title={older ? `${entry.title} (version ${entry.version})` : entry.title} />
          <FacesControls
            truncation={state.settings.truncation}
            onTruncation={(truncation) => studio.change({ truncation })}
            ready={ready}
            picks={picks.length}
            frames={FRAMES}
            onNewFaces={() => drawWith(randomSeeds(16))}
            onRedraw={() => drawWith(shown?.seeds ?? FIRST_SEEDS)}
            onBlend={blend}
            onArithmetic={arithmeticOfPicks}
          />
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={
        <div className="flex flex-col items-center gap-4">
          <FaceGrid
            canvas={grid}
            count={latents.length}
            columns={columnsFor(latents.length)}
            picks={picks}
            onPick={pick}
          />
          <Blend strip={strip} frames={frames} />
          <div className="flex gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={status !== 'done'} />
          </div>
        </div>
      }
    />
  );
}

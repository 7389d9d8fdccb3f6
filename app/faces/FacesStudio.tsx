'use client';
import { useCallback, useRef, useState } from 'react';
import { arithmetic, DEFAULT_FACE_CANDIDATES, DEFAULT_FACE_PULL } from '@/models/dcgan-faces/latent';
import { canPull, latentDrawOf } from '@/models/dcgan-faces/good-faces';
import { type ModelEntry, registryEntry } from '@/models/registry';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { entryForRef, keyOf, modelFingerprint, modelRefFor, olderVersionNote } from '@/lib/share/model-ref';
import { decodeLatent, encodeLatent, type FacesRecipe } from '@/lib/share/recipe';
import type { FaceSource, Latents } from '@/lib/engine/protocol';
import { roundVectorToHalf } from '@/lib/share/float16';
import { canvasToPng } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { SaveShare } from '../_components/SaveShare';
import { FaceGrid } from './FaceGrid';
import { FacesControls } from './FacesControls';
import { Blend, BLEND_FRAMES, blendFrames } from './Blend';
import { tuneSound } from '@/lib/audio/tunes';
import { type MadeWalk, MusicWalk } from '../_components/MusicWalk';
import { walkFrames } from './walk';
import { columnsFor, drawGrid } from './grid';
import { StudioFrame } from '../_components/StudioFrame';

const DCGAN = registryEntry('dcgan-faces');
const JUDGE = registryEntry('dcgan-faces-judge');

function randomSeeds(count: number): number[] {
  return Array.from(crypto.getRandomValues(new Uint32Array(count)));
}

/** What the engine makes for a recipe: its explicit latents (already float16), else its seeds' faces, chosen as
 * the recipe says or, when it has no choices yet, by the judge. */
const sourceOf = (r: FacesRecipe): FaceSource =>
  r.latents?.length
    ? { latents: r.latents.map((s) => Float32Array.from(decodeLatent(s)!)) }
    : {
        seeds: r.seeds,
        ...latentDrawOf(r),
        k: r.k ?? 1,
        chosen: r.chosen ?? null,
        judge: r.k ? keyOf(entryForRef(r.judge!) ?? JUDGE) : null,
      };

const settingsOf = (r: FacesRecipe): FacesSettings => ({ truncation: r.truncation, pull: r.pull ?? 0, k: r.k ?? 1 });
type FacesSettings = { truncation: number; pull: number; k: number };
const DEFAULTS: FacesSettings = { truncation: 0, pull: DEFAULT_FACE_PULL, k: DEFAULT_FACE_CANDIDATES };
const FIRST_SEEDS = Array.from({ length: 16 }, (_, i) => i + 1);

/** A new grid of `seeds` with these settings; the judge chooses when k > 1, and the pull applies to weights that
 * have a good faces' mean. */
const recipeFor = (entry: ModelEntry, seeds: number[], { truncation, pull, k }: FacesSettings): FacesRecipe => ({
  studio: 'faces',
  v: 1,
  model: modelRefFor(entry),
  seeds,
  truncation,
  ...(pull > 0 && canPull(modelFingerprint(entry)) && { pull }),
  ...(k > 1 && { k, judge: modelRefFor(JUDGE) }),
});

export default function FacesStudio() {
  const studio = useStudio<FacesSettings, FacesRecipe>({
    studio: 'faces',
    settingsOf,
    defaults: DEFAULTS,
    // A link made with earlier weights loads those weights while they are served, so it remakes its faces.
    model: (state) => (state.linkRecipe && entryForRef(state.linkRecipe.model)) ?? DCGAN,
  });
  const { state, run, entry, model, status } = studio;
  const [picks, setPicks] = useState<number[]>([]);
  const [frames, setFrames] = useState<ImageData[] | null>(null);
  const grid = useRef<HTMLCanvasElement>(null);
  const strip = useRef<HTMLCanvasElement>(null);
  // The latents of the faces on screen, as the engine made them (blends and arithmetic start from these).
  const [latents, setLatents] = useState<Latents>([]);
  const [walk, setWalk] = useState<MadeWalk | null>(null);
  const shown = state.shown;
  const ready = model.phase === 'ready';

  const render = useCallback(
    (r: FacesRecipe) => {
      if (model.phase !== 'ready') return;
      const gan = model.model;
      setPicks([]);
      void run(r, async (c) => {
        const { image, data } = await c.engine({ kind: 'faces', model: gan, faces: sourceOf(r) });
        await drawGrid(image!, grid.current!, columnsFor(data.latents.length));
        setLatents(data.latents);
        // A walk set to a tune is part of what the recipe makes: its link remakes it. Its sound renders meanwhile.
        const sound = r.walk && tuneSound(r.walk);
        const frames = r.walk && (await walkFrames(c, gan, data.latents, r.walk));
        const made =
          r.walk && frames && sound ? { walk: { ...r.walk, count: r.walk.faces }, frames, sound: await sound } : null;
        if (!c.cancelled) setWalk(made); // a run cancelled while its sound rendered leaves what the next one shows
        return data.chosen ? { ...r, chosen: data.chosen } : r;
      });
    },
    [model, run],
  );
  useOpenOnce(state, ready, (link) => render(link ?? recipeFor(entry, FIRST_SEEDS, DEFAULTS)));

  /** New seeds, or the shown seeds again (Redraw), with the controls' settings. */
  const drawWith = (seeds: number[]) => render(recipeFor(entry, seeds, state.settings));
  const pick = (index: number) =>
    setPicks((p) => (p.includes(index) ? p.filter((i) => i !== index) : [...p, index].slice(-3)));

  const blend = () => {
    if (model.phase !== 'ready' || picks.length < 2) return;
    const [gan, ends] = [model.model, picks.map((i) => latents[i])];
    void run(null, async (c) => setFrames(await blendFrames(c, gan, ends, strip.current!)));
  };
  /** A - B + C, shown beside its three faces as a recipe of explicit latents (float16, so its link remakes it). */
  const arithmeticOfPicks = () => {
    if (picks.length < 3 || !shown) return;
    const [a, b, c] = picks.map((i) => latents[i]);
    // four faces of their own: a walk through the grid's faces does not come along
    const { walk: _walk, ...grid } = shown;
    render({ ...grid, latents: [a, b, c, arithmetic(a, b, c)].map((z) => encodeLatent(roundVectorToHalf(z))) });
  };

  // Save and Share take the faces on screen and the recipe that made them, whatever the controls say now.
  const current = () =>
    shown && { recipe: shown, title: `${latents.length} faces`, output: () => canvasToPng(grid.current!) };
  const older = olderVersionNote(entry);
  const changed =
    studio.settingsChanged &&
    'Settings changed: press Redraw or New faces to apply them. Save and Share keep the faces on screen.';

  return (
    <StudioFrame
      {...studio.frame}
      notice={changed || state.linkNote || older}
      controls={
        <>
          <FacesControls
            candidates={state.settings.k}
            onCandidates={(k) => studio.change({ k })}
            pull={state.settings.pull}
            onPull={canPull(modelFingerprint(entry)) ? (pull) => studio.change({ pull, truncation: 0 }) : null}
            truncation={state.settings.truncation}
            ready={ready}
            picks={picks.length}
            frames={BLEND_FRAMES}
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
          {shown && (
            <MusicWalk
              made={walk}
              through={{ noun: 'faces', max: latents.length, about: 'A loop through the first faces' }}
              name="neural-atelier-faces-walk"
              ready={ready && status !== 'running'}
              onMake={({ count, ...w }) => render({ ...shown, walk: { ...w, faces: count } })}
            />
          )}
          <div className="flex gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={status !== 'done'} />
          </div>
        </div>
      }
    />
  );
}

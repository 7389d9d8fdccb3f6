'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { seededNormals } from '@/models/core/random';
import { registryEntry } from '@/models/registry';
import { useStudio } from '@/lib/hooks/useStudio';
import type { StudioState } from '@/lib/studio/state';
import { roundVectorToHalf } from '@/lib/share/float16';
import { modelRefFor } from '@/lib/share/model-ref';
import { decodeLatent, encodeLatent, type LatentRecipe, MAX_WALK_POINTS } from '@/lib/share/recipe';
import { tuneSound } from '@/lib/audio/tunes';
import { canvasToPng, drawBitmap } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { type MadeWalk, MusicWalk } from '../_components/MusicWalk';
import { SaveShare } from '../_components/SaveShare';
import { StudioFrame } from '../_components/StudioFrame';
import { LatentControls } from './LatentControls';
import { LatentView } from './LatentView';
import { useDirectionPreviews, useInterpolation } from './usePreviews';
import { upscaled } from './pixels';
import { type LatentSpace, spaceFor, spaceOf } from './spaces';
import { latentWalkFrames, useWalkAsked } from './walk';

/** Latents are kept rounded to float16, the precision of a recipe link, so a link decodes the same pixels. */
const half = (values: ArrayLike<number>) => Float32Array.from(roundVectorToHalf(values));
const startOf = (space: LatentSpace) => half(space.atlas.mean);

/** What the controls choose: the space (by its model) and the point, as a link holds it (float16). */
type LatentChoices = { model: string; z: string };
const settingsOf = (r: LatentRecipe): LatentChoices => ({ model: r.model.id, z: r.z });
const FIRST_SPACE = spaceFor('digits', 'map');
const newSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];

/** Why a link's point cannot be shown here, or null when it can. */
function linkProblem(r: LatentRecipe): string | null {
  const linked = spaceOf(r.model.id);
  const values = decodeLatent(r.z);
  if (!linked) return `This link names the model "${r.model.id}", which the latent studio does not have.`;
  if (!values || values.length !== linked.atlas.mean.length)
    return (
      `This link's latent vector has ${values?.length ?? 0} numbers; ` +
      `${linked.model} needs ${linked.atlas.mean.length}.`
    );
  return null;
}

/** The decoded point on screen (not a move still waiting for its frame), as a creation: its exact latent and the
 * image (enlarged, pixels kept sharp). */
function shownCreation(canvas: HTMLCanvasElement | null, recipe: LatentRecipe | null, title: string) {
  const image = canvas?.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  return image && recipe ? { recipe, title, output: () => canvasToPng(upscaled(image, 256)) } : null;
}

/** The space on screen: a link this studio cannot show leaves the first space there until the person moves. */
function spaceShown({ linkRecipe: link, settings }: StudioState<LatentChoices, LatentRecipe>): LatentSpace {
  const unmoved = link && settings.model === link.model.id && settings.z === link.z;
  return (unmoved && linkProblem(link) ? FIRST_SPACE : spaceOf(settings.model)) ?? FIRST_SPACE;
}

export default function LatentStudio() {
  const studio = useStudio<LatentChoices, LatentRecipe>({
    studio: 'latent',
    settingsOf,
    defaults: { model: FIRST_SPACE.model, z: encodeLatent(startOf(FIRST_SPACE)) },
    model: (state) => registryEntry(spaceShown(state).model),
  });
  const { state, run, fail, change, dismissError, entry, model } = studio;
  const problem = state.linkRecipe && linkProblem(state.linkRecipe);
  // Decoding waits for a link to be read; after a broken one, for the person's first move (so the message stays).
  const [moved, setMoved] = useState(false);
  // A link this studio cannot show leaves the first space on the controls until the person moves.
  const chosen =
    problem && !moved ? { model: FIRST_SPACE.model, z: encodeLatent(startOf(FIRST_SPACE)) } : state.settings;
  const space = spaceOf(chosen.model) ?? FIRST_SPACE;
  const z = useMemo(() => Float32Array.from(decodeLatent(chosen.z) ?? startOf(space)), [chosen.z, space]);
  const ready = moved || state.link === 'none' || (state.link === 'opened' && !problem);
  const [ends, setEnds] = useState<{ a: Float32Array | null; b: Float32Array | null }>({ a: null, b: null });
  const [input, setInput] = useState<ImageBitmap | null>(null);
  const result = useRef<HTMLCanvasElement>(null);
  const { walk, ask, drop } = useWalkAsked(state.linkRecipe, moved, chosen);
  const [made, setMade] = useState<MadeWalk | null>(null);

  const switchTo = (next: LatentSpace) => {
    setMoved(true);
    drop();
    dismissError();
    change({ model: next.model, z: encodeLatent(startOf(next)) });
    setEnds({ a: null, b: null });
    setInput(null);
  };

  /** Every move a person makes: it also lets decoding start after a broken link. */
  const moveTo = (next: ArrayLike<number>) => {
    if (!moved) dismissError();
    setMoved(true);
    drop();
    change({ model: space.model, z: encodeLatent(half(next)) });
  };

  useEffect(() => {
    if (problem) fail(problem);
  }, [problem, fail]);

  // The main image follows the point at most once a frame: moves in between are folded into the next decode.
  useEffect(() => {
    if (model.phase !== 'ready' || !ready) return;
    const vae = model.model;
    const recipe: LatentRecipe = {
      ...{ studio: 'latent', v: 1, model: modelRefFor(entry), z: encodeLatent(z) },
      ...(walk ? { walk } : {}),
    };
    const frame = requestAnimationFrame(() => {
      void run(recipe, async (c) => {
        const { image } = await c.engine({ kind: 'latent-decode', model: vae, latents: [z] });
        drawBitmap(image!, result.current!);
        image!.close();
        // A walk set to a tune is part of what the recipe makes: its link remakes it. Its sound renders meanwhile.
        const sound = walk && tuneSound(walk);
        const frames = walk && (await latentWalkFrames(c, vae, z, walk));
        const made =
          walk && frames && sound ? { walk: { ...walk, count: walk.points }, frames, sound: await sound } : null;
        if (!c.cancelled) setMade(made); // a run cancelled while its sound rendered leaves what the next one shows
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [model, z, ready, entry, run, walk]);

  const strips = useDirectionPreviews(model, z, ready, space);
  const frames = useInterpolation(model, ends);

  /** Encodes a drawing ([H * W * C] in [0, 1]) or a photo and moves the point to its mean code. */
  const encode = (from: { pixels: Float32Array | null; photo: Blob | null }) => {
    if (model.phase !== 'ready') return;
    const vae = model.model;
    void run(null, async (c) => {
      const { image, data } = await c.engine({ kind: 'latent-encode', model: vae, ...from });
      setInput(image!);
      // The per-frame decode paints the reconstruction; until it has, the studio says running, not done.
      moveTo(data.mu);
    });
  };

  const current = () => shownCreation(result.current, state.shown, `${space.dataset} (${entry.title})`);

  // A move schedules its decode for the next frame: 'done' before then would describe the last point's image.
  const status = state.status === 'done' && state.shown?.z !== chosen.z ? 'running' : studio.status;

  return (
    <StudioFrame
      {...studio.frame}
      status={status}
      controls={
        <>
          <LatentControls
            space={space}
            ready={model.phase === 'ready'}
            onSpace={switchTo}
            onDrawing={(pixels) => encode({ pixels, photo: null })}
            onFace={(photo) => encode({ pixels: null, photo })}
            encoded={input}
            onRandom={() => moveTo(seededNormals(crypto.getRandomValues(new Uint32Array(1))[0], z.length))}
            onCentre={() => moveTo(startOf(space))}
            onSetA={() => setEnds((e) => ({ ...e, a: z }))}
            onSetB={() => setEnds((e) => ({ ...e, b: z }))}
          />
          <div className="flex flex-wrap gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={status !== 'done'} />
          </div>
          <p className="text-xs text-muted">The link holds this exact latent vector (float16).</p>
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={
        <div className="flex flex-col gap-4">
          <LatentView
            result={result}
            line={frames}
            caption={entry.title}
            space={space}
            z={z}
            ends={ends}
            strips={strips}
            onMove={moveTo}
          />
          <MusicWalk
            made={made}
            through={{
              noun: 'points',
              max: MAX_WALK_POINTS,
              about: 'A loop from the point on screen through points drawn at random',
            }}
            name="neural-atelier-latent-music-walk"
            ready={model.phase === 'ready' && status !== 'running'}
            onMake={({ count, ...w }) => ask({ ...w, points: count, seed: newSeed() })}
          />
        </div>
      }
    />
  );
}

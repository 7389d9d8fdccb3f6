'use client';
import { type Ref, useEffect, useMemo, useRef } from 'react';
import { drawBitmap } from '@/lib/canvas/image-file';
import { framesOfStrip } from '@/lib/canvas/frames';
import { moveAlong, sliderCoordinates } from '@/models/vae/atlas';
import { VideoExport } from '../_components/VideoExport';
import { DirectionSliders } from './DirectionSliders';
import { LatentMap } from './LatentMap';
import type { LatentSpace } from './spaces';
import { FRAMES } from './usePreviews';

interface Props {
  result: Ref<HTMLCanvasElement>;
  /** the line from A to B, decoded, once both are set */
  line: ImageBitmap | null;
  /** the model, named under the decoded image */
  caption: string;
  space: LatentSpace;
  z: Float32Array;
  ends: { a: Float32Array | null; b: Float32Array | null };
  strips: ImageBitmap[] | null;
  onMove: (z: ArrayLike<number>) => void;
}

/** The decoded point, the map or the direction sliders to move it, and the line from A to B. */
export function LatentView({ result, line, caption, space, z, ends, strips, onMove }: Props) {
  const interpolation = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (line && interpolation.current) drawBitmap(line, interpolation.current);
  }, [line]);
  const walk = useMemo(() => line && framesOfStrip(line, FRAMES), [line]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start gap-6">
        <figure className="space-y-2">
          <canvas data-testid="result" ref={result} width={1} height={1} className="h-64 w-64 rounded-lg bg-black" />
          <figcaption className="text-xs text-muted">decoded from the point · {caption}</figcaption>
        </figure>
        {space.view === 'map' && space.atlas.map && (
          <figure className="min-w-64 flex-1 space-y-2">
            <LatentMap map={space.atlas.map} classes={space.classes} z={z} ends={ends} onMove={onMove} />
            <figcaption className="text-xs text-muted">
              Where the {space.atlas.images.toLocaleString('en')} training{' '}
              {space.dataset === 'digits' ? 'digits' : 'clothes'} land, coloured by class (brighter: more of them). Drag
              anywhere; ({z[0].toFixed(2)}, {z[1].toFixed(2)}).
            </figcaption>
          </figure>
        )}
      </div>
      {space.view === 'sliders' && (
        <DirectionSliders
          sigmas={space.atlas.directions.map((d) => d.sigma)}
          coords={sliderCoordinates(space.atlas, z)}
          strips={strips}
          onChange={(i, v) => onMove(moveAlong(space.atlas, z, i, v))}
        />
      )}
      {ends.a && ends.b && (
        <figure className="space-y-1">
          <canvas
            data-testid="interpolation"
            ref={interpolation}
            width={1}
            height={1}
            className="h-auto w-full max-w-[48rem] rounded-lg"
            style={{ aspectRatio: `${FRAMES} / 1` }}
          />
          <figcaption className="flex flex-wrap items-center gap-3 text-xs text-muted">
            A → B in {FRAMES} steps along a straight line in latent space.
            {walk && <VideoExport frames={walk} name="neural-atelier-latent-walk" fps={4} />}
          </figcaption>
        </figure>
      )}
    </div>
  );
}

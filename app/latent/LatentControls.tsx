'use client';
import { useEffect, useRef } from 'react';
import { drawBitmap } from '@/lib/canvas/image-file';
import { DrawPad } from '../_components/DrawPad';
import { ImageDrop } from '../_components/ImageDrop';
import { DATASETS, type LatentSpace, spaceFor, type View } from './spaces';

interface Props {
  space: LatentSpace;
  ready: boolean;
  onSpace: (space: LatentSpace) => void;
  onDrawing: (pixels: Float32Array) => void;
  onFace: (photo: File) => void;
  /** what the encoder saw, once something was encoded */
  encoded: ImageBitmap | null;
  onRandom: () => void;
  onCentre: () => void;
  onSetA: () => void;
  onSetB: () => void;
}

/** What the encoder saw, small, beside the controls that encoded it. */
function Encoded({ image }: { image: ImageBitmap }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    drawBitmap(image, canvas.current!);
  }, [image]);
  return (
    <div className="flex items-center gap-3 text-sm text-muted">
      <canvas
        ref={canvas}
        data-testid="encoded-input"
        width={1}
        height={1}
        className="h-16 w-16 rounded border border-line"
      />
      <span>what the encoder saw → its reconstruction is the main image</span>
    </div>
  );
}

const choice = (active: boolean) =>
  `rounded-md px-3 py-1.5 text-sm ${active ? 'bg-accent text-ink' : 'border border-line hover:border-muted'}`;

/** The space (dataset and view), what to encode (a drawing or a face), and where to move the point. */
export function LatentControls({
  space,
  ready,
  onSpace,
  onDrawing,
  onFace,
  encoded,
  onRandom,
  onCentre,
  onSetA,
  onSetB,
}: Props) {
  const views = (['map', 'sliders'] as View[]).filter((v) => spaceFor(space.dataset, v).view === v);
  return (
    <>
      <div className="space-y-2">
        <div className="flex gap-2" role="group" aria-label="Dataset">
          {DATASETS.map((d) => (
            <button
              key={d.id}
              data-testid={`dataset-${d.id}`}
              title={d.note}
              className={choice(space.dataset === d.id)}
              onClick={() => d.id !== space.dataset && onSpace(spaceFor(d.id, space.view))}
            >
              {d.title}
            </button>
          ))}
        </div>
        {views.length > 1 && (
          <div className="flex gap-2" role="group" aria-label="View">
            {views.map((v) => (
              <button
                key={v}
                data-testid={`view-${v}`}
                className={choice(space.view === v)}
                onClick={() => v !== space.view && onSpace(spaceFor(space.dataset, v))}
              >
                {v === 'map' ? 'Map (2-D latent)' : `Sliders (${spaceFor(space.dataset, v).atlas.mean.length}-D)`}
              </button>
            ))}
          </div>
        )}
      </div>
      {space.input === 'draw' ? (
        <div className="space-y-1">
          <p className="text-sm text-muted">
            Draw {space.dataset === 'digits' ? 'a digit' : 'a garment'} to encode it:
          </p>
          <DrawPad key={space.model} disabled={!ready} onEncode={onDrawing} />
        </div>
      ) : (
        <ImageDrop label="Upload a face to edit" testId="upload-face" onFile={onFace} acceptPaste />
      )}
      {encoded && <Encoded image={encoded} />}
      <div className="flex flex-wrap gap-2 text-sm">
        <button
          data-testid="run"
          disabled={!ready}
          onClick={onRandom}
          className="rounded-lg bg-accent px-4 py-2 font-medium text-ink disabled:opacity-40"
        >
          Random point
        </button>
        <button onClick={onCentre} className="rounded-lg border border-line px-3 py-2">
          Centre
        </button>
      </div>
      <div className="space-y-2 rounded-lg border border-line p-3 text-sm">
        <p className="text-muted">Interpolate: mark two points, see the straight line between them.</p>
        <div className="flex gap-2">
          <button data-testid="set-a" onClick={onSetA} className="flex-1 rounded-md border border-line px-3 py-1.5">
            Set A here
          </button>
          <button data-testid="set-b" onClick={onSetB} className="flex-1 rounded-md border border-line px-3 py-1.5">
            Set B here
          </button>
        </div>
      </div>
    </>
  );
}

'use client';
import type { RefObject } from 'react';
import type { Studio } from '@/lib/hooks/useStudio';
import type { PictureCanvases, PictureRun } from '@/lib/hooks/usePictureRun';
import type { Shareable } from '@/lib/share/shareable';
import type { DreamRecipe, MaskStrokes } from '@/lib/share/recipe';
import { MaskPainter } from '../_components/MaskPainter';
import { HoldToCompare, Picture } from '../_components/Picture';
import { SaveShare } from '../_components/SaveShare';
import { VideoExport } from '../_components/VideoExport';
import { Slider } from '../_components/Slider';
import { type DreamFiles, type DreamFollowUps, ZOOM_FACTOR } from './useDreamFollowUps';

interface Props<S> extends PictureCanvases {
  zoomCanvas: RefObject<HTMLCanvasElement | null>;
  studio: Studio<S, DreamRecipe>;
  picture: PictureRun<'dream', S, DreamFiles>;
  followUps: DreamFollowUps;
  shareable: () => Shareable | null;
  /** the mask brush over the picture, while painting */
  brush: {
    size: number;
    mask: MaskStrokes | undefined;
    onChange: (mask: MaskStrokes | undefined) => void;
    display: { width: number; height: number };
  } | null;
}

/** The dream: its picture (with the mask brush over it), then Compare, Download, Save and Share, and the zoom. */
export function DreamResult<S>(props: Props<S>) {
  const { result, original, zoomCanvas, studio, picture, followUps, shareable, brush } = props;
  const { busy } = studio;
  return (
    <div className="flex flex-col items-center gap-4">
      <Picture result={result} original={original} comparing={picture.comparing}>
        {brush && (
          <MaskPainter
            width={brush.display.width}
            height={brush.display.height}
            mask={brush.mask}
            brush={brush.size}
            feather={0.03}
            onChange={brush.onChange}
          />
        )}
      </Picture>
      <canvas
        ref={zoomCanvas}
        data-testid="zoom-frames"
        aria-label="the zoom animation, frame by frame"
        className={`h-auto w-full max-w-[40rem] rounded-lg ${followUps.zooming ? '' : 'hidden'}`}
        width={1}
        height={1}
      />
      {!picture.hasResult && (
        <p className="text-muted">
          This is your starting image. Choose layers (and paint where, if you like), then press Dream: each step appears
          here as it happens.
        </p>
      )}
      {picture.hasResult && (
        <div className="flex flex-wrap gap-2 text-sm">
          <HoldToCompare onHold={picture.setComparing} />
          <button
            data-testid="download"
            onClick={() => void followUps.download()}
            disabled={busy}
            className="rounded-md border border-line px-3 py-1.5"
            title="An uploaded image comes back at its own size (up to 4096 px), with the dream carried onto it"
          >
            Download PNG
          </button>
          <SaveShare studio={studio} current={shareable} disabled={busy} />
        </div>
      )}
      {picture.hasResult && !busy && (
        <div className="flex w-full max-w-[40rem] flex-wrap items-end gap-3 rounded-lg border border-line p-3 text-sm">
          <div className="min-w-40 flex-1">
            <Slider
              label="Zoom frames"
              value={followUps.zoomFrames}
              min={4}
              max={48}
              step={1}
              onChange={followUps.setZoomFrames}
              hint={
                `Each frame zooms ${Math.round((ZOOM_FACTOR - 1) * 100)}% into the centre ` +
                'and dreams again with these settings'
              }
            />
          </div>
          <button
            data-testid="zoom"
            onClick={followUps.zoomAnimation}
            className="rounded-md border border-line px-3 py-1.5"
          >
            Zoom animation
          </button>
          {followUps.zoomed && !followUps.zooming && (
            <VideoExport frames={followUps.zoomed} name="neural-atelier-dream-zoom" fps={12} />
          )}
        </div>
      )}
    </div>
  );
}

'use client';
import { downloadBlob } from '@/lib/canvas/download';
import { canvasToPng } from '@/lib/canvas/image-file';
import type { PictureCanvases } from '@/lib/hooks/usePictureRun';
import type { Studio } from '@/lib/hooks/useStudio';
import type { MaskStrokes, StyleRecipe } from '@/lib/share/recipe';
import type { Shareable } from '@/lib/share/shareable';
import { MaskPainter } from '../_components/MaskPainter';
import { HoldToCompare, Picture } from '../_components/Picture';
import { SaveShare } from '../_components/SaveShare';
import { VideoExport } from '../_components/VideoExport';
import type { StyleSettings } from './StyleControls';

interface Props<S> extends PictureCanvases {
  studio: Studio<S, StyleRecipe>;
  picture: { hasResult: boolean; comparing: boolean; setComparing: (on: boolean) => void };
  /** the content image at the working size is on the canvas before the first result */
  previewed: boolean;
  /** the last step's loss and its parts */
  losses: number[] | null;
  /** the run's pictures step by step */
  timelapse: ImageData[];
  weights: Pick<StyleSettings, 'contentWeight' | 'styleWeight' | 'tvWeight'>;
  shareable: () => Shareable | null;
  onContinue: () => void;
  /** the brush painting style `index`'s region over the picture */
  region: { index: number; size: number; mask: MaskStrokes | undefined; onChange: (m?: MaskStrokes) => void } | null;
  display: { width: number; height: number } | null;
}

/** The picture (with a style's region brush over it), its loss, then Compare, Download, Save, Share and Continue. */
export function StyleResult<S>(props: Props<S>) {
  const { result, original, studio, picture, previewed, losses, weights, region, display } = props;
  const { busy } = studio;
  return (
    <div className="flex flex-col items-center gap-4">
      <Picture
        result={result}
        original={original}
        comparing={picture.comparing}
        hidden={!picture.hasResult && !previewed}
      >
        {region && display && display.width > 1 && (
          <MaskPainter
            width={display.width}
            height={display.height}
            mask={region.mask}
            brush={region.size}
            feather={0.03}
            onChange={region.onChange}
          />
        )}
      </Picture>
      {region && (
        <p className="text-sm text-accent">
          Paint where style {region.index + 1} goes. Styles without a region share the rest.
        </p>
      )}
      {!picture.hasResult && (
        <p className="text-muted">
          {previewed ? 'This is your content image. ' : ''}Choose a content image and one or more styles, then press
          Paint: the picture changes step by step, and you can stop it whenever you like it.
        </p>
      )}
      {losses && (
        <p data-testid="losses" className="font-mono text-xs text-muted">
          {`loss ${losses[0].toPrecision(3)} = content ${losses[1].toPrecision(3)} × ${weights.contentWeight}`}
          {` + style ${losses[2].toPrecision(3)} × ${weights.styleWeight}`}
          {` + smoothness ${losses[3].toPrecision(3)} × ${weights.tvWeight}`}
        </p>
      )}
      {picture.hasResult && (
        <div className="flex flex-wrap gap-2 text-sm">
          <HoldToCompare onHold={picture.setComparing} />
          <button
            onClick={() =>
              void canvasToPng(result.current!).then((png) => downloadBlob(png, 'neural-atelier-style.png'))
            }
            disabled={busy}
            className="rounded-md border border-line px-3 py-1.5"
          >
            Download PNG
          </button>
          <SaveShare studio={studio} current={props.shareable} disabled={busy} />
          <button
            data-testid="continue"
            onClick={props.onContinue}
            disabled={busy}
            className="rounded-md border border-line px-3 py-1.5"
            title={
              'The next Paint starts from this picture instead of the content: ' +
              'more steps, or other settings, on top of it'
            }
          >
            Continue from here
          </button>
          {/* a failed or cancelled run's frames are not the picture on screen */}
          {studio.status === 'done' && props.timelapse.length > 1 && (
            <VideoExport frames={props.timelapse} name="neural-atelier-style-timelapse" fps={12} />
          )}
        </div>
      )}
    </div>
  );
}

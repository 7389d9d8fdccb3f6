'use client';
import { useCallback, useRef, useState } from 'react';
import { registryEntry } from '@/models/registry';
import { downloadBlob } from '@/lib/canvas/download';
import { presetRef } from '@/lib/canvas/presets';
import { encodeGif } from '@/lib/canvas/gif';
import { sizeParam } from '@/lib/hooks/useHashRecipe';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { useStartingImage } from '@/lib/hooks/useStartingImage';
import { useDisplaySize } from '@/lib/hooks/useDisplaySize';
import { Cancelled } from '@/lib/engine/errors';
import type { Frame } from '@/lib/engine/protocol';
import { modelRefFor } from '@/lib/share/model-ref';
import { autoRunBlocker, type DreamRecipe, type ImageRef } from '@/lib/share/recipe';
import { canvasToPng, drawBitmap, drawPng, loadImageFile } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { RunControls } from '../_components/RunControls';
import { SaveShare } from '../_components/SaveShare';
import type { Shareable } from '@/lib/share/shareable';
import { ImagePicker } from '../_components/ImagePicker';
import { ModelStatus } from '../_components/ModelStatus';
import { StudioFrame } from '../_components/StudioFrame';
import { Slider } from '../_components/Slider';
import { DREAM_DEFAULTS, DreamControls } from './DreamControls';
import { GuidePicker } from './GuidePicker';
import { MaskPainter } from '../_components/MaskPainter';

const INCEPTION = registryEntry('inception-v3');

/** Full-resolution downloads stop at this long side (4096 px RGB is 200 MB of float32 on the GPU). */
const FULL_SIZE_LIMIT = 4096;
const ZOOM_FACTOR = 1.06; // per frame of the zoom animation
const GIF_SIDE = 320; // long side of the animation's frames

/** Everything the controls choose: the recipe less what names it. */
type DreamChoices = Omit<DreamRecipe, 'studio' | 'v' | 'model'>;
const settingsOf = ({ studio: _s, v: _v, model: _m, ...choices }: DreamRecipe): DreamChoices => choices;

export default function DreamStudio() {
  const [defaults] = useState<DreamChoices>(() => ({
    ...DREAM_DEFAULTS,
    size: sizeParam(location.search, DREAM_DEFAULTS.size, 75, 4096),
    input: presetRef('cat-1'),
  }));
  const studio = useStudio<DreamChoices, DreamRecipe>({
    studio: 'dream',
    settingsOf,
    defaults,
    model: () => INCEPTION,
  });
  const { state, run, fail, change, dismissError, backend, model, busy } = studio;
  const { input, ...settings } = state.settings;
  const [file, setFile] = useState<Blob | null>(null);
  const [guideFile, setGuideFile] = useState<Blob | null>(null);
  const [zoomFrames, setZoomFrames] = useState(16);
  // The images the shown result was dreamed from, and its PNG (its recipe is state.shown): Share, Save, Download
  // and the zoom build on it.
  const lastRun = useRef<{ file: Blob | null; guideFile: Blob | null; output: Promise<Blob> } | null>(null);
  /** The picture on screen: its recipe, the files it was dreamed from and its PNG; null before the first result. */
  const onScreen = () => (state.shown && lastRun.current ? { recipe: state.shown, ...lastRun.current } : null);
  const zoomCanvas = useRef<HTMLCanvasElement>(null);
  const [zooming, setZooming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [hasResult, setHasResult] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const [painting, setPainting] = useState(false);
  const [brush, setBrush] = useState(0.08);
  const resultCanvas = useRef<HTMLCanvasElement>(null);
  const originalCanvas = useRef<HTMLCanvasElement>(null);

  const recipeOf = (choices: DreamChoices): DreamRecipe => ({
    studio: 'dream',
    v: 1,
    model: modelRefFor(INCEPTION),
    ...choices,
  });

  /** Draws the shown result again (after a cancelled run drew its unfinished steps). */

  const start = useCallback(
    (recipe: DreamRecipe, chosenFile: Blob | null, chosenGuide: Blob | null) => {
      if (model.phase !== 'ready') return;
      const net = model.model;
      void run(
        recipe,
        async (c) => {
          const draw = ({ step, image, data }: Frame<'dream'>) => {
            if (step === 0) {
              // The input at the working size: a thin image's size goes up, and the recipe says so.
              setNotice(data.note);
              drawBitmap(image!, originalCanvas.current!);
            } else {
              drawBitmap(image!, resultCanvas.current!);
              setHasResult(true);
            }
            image!.close();
          };
          let result: Frame<'dream'>;
          try {
            result = await c.engine(
              { kind: 'dream', model: net, recipe, files: { input: chosenFile, guide: chosenGuide } },
              draw,
            );
            draw(result);
          } catch (e) {
            // the canvas goes back to the picture Share and Save still name
            if (e instanceof Cancelled && lastRun.current)
              await drawPng(await lastRun.current.output, resultCanvas.current!);
            throw e;
          }
          lastRun.current = { file: chosenFile, guideFile: chosenGuide, output: canvasToPng(resultCanvas.current!) };
          return result.data.made;
        },
        recipe.size,
      );
    },
    [model, run],
  );

  /** Dream, zoom in, dream again: frames of the last result, kept small and encoded as a looping GIF. */
  const zoomAnimation = () => {
    const last = onScreen();
    if (model.phase !== 'ready' || !last) return;
    const net = model.model;
    setZooming(true);
    void run(
      null,
      async (c) => {
        const target = zoomCanvas.current!;
        const frames: ImageData[] = [];
        const grab = ({ image }: Frame) => {
          drawBitmap(image!, target); // its own canvas: the result (and what Save and Share name) stays as it was
          image!.close();
          const scale = Math.min(1, GIF_SIDE / Math.max(target.width, target.height));
          const ctx = new OffscreenCanvas(
            Math.round(target.width * scale),
            Math.round(target.height * scale),
          ).getContext('2d')!;
          ctx.drawImage(target, 0, 0, ctx.canvas.width, ctx.canvas.height);
          frames.push(ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height));
        };
        try {
          await c.engine(
            {
              kind: 'dream-zoom',
              model: net,
              recipe: last.recipe,
              files: { input: last.file, guide: last.guideFile },
              from: await last.output,
              frames: zoomFrames,
              factor: ZOOM_FACTOR,
            },
            grab,
          );
        } finally {
          setZooming(false);
        }
        downloadBlob(encodeGif(frames, 90), 'neural-atelier-dream-zoom.gif');
      },
      last.recipe.size,
    );
  };

  // A recipe in the link (its settings are on the controls already) runs once the model is ready, unless too large
  // or made from an uploaded image; without a link the studio waits for Dream.
  useOpenOnce(state, model.phase === 'ready', (link) => {
    if (!link) return;
    const uploaded = [link.input, link.guide].find((ref) => ref?.kind === 'upload');
    const blocker =
      autoRunBlocker(link) ??
      (uploaded?.kind === 'upload'
        ? `This recipe was made from an uploaded image ("${uploaded.name}") that links cannot carry. ` +
          'Choose an image and press Run.'
        : null);
    setNotice(blocker);
    if (!blocker) start(link, null, null);
  });

  // The chosen input at the working size before anyone dreams on it (and to paint the mask on).
  const idle = !busy;
  useStartingImage(resultCanvas, input, file, settings.size, idle && !hasResult && backend.phase === 'ready');

  const display = useDisplaySize(resultCanvas); // the mask painter overlays the displayed canvas

  // Decode a chosen file at once, so a broken or huge one is reported before anyone presses Run; only a
  // file that decodes replaces the current input.
  const onFile = useCallback(
    (f: Blob & { name?: string }) => {
      loadImageFile(f, 128).then(
        (bitmap) => {
          bitmap.close();
          setFile(f);
          change({ input: { kind: 'upload', name: (f.name || 'pasted image').slice(0, 120) } });
          setNotice(null);
          dismissError();
        },
        (e: Error) => fail(e.message),
      );
    },
    [fail, change, dismissError],
  );

  const onGuideFile = (f: File) =>
    loadImageFile(f, 128).then(
      (bitmap) => {
        bitmap.close();
        setGuideFile(f);
        change({
          guide: { kind: 'upload', name: (f.name || 'guide image').slice(0, 120) } satisfies ImageRef,
          channel: undefined,
        });
        dismissError();
      },
      (e: Error) => fail(e.message),
    );

  const titleOf = (recipe: DreamRecipe) =>
    `Dream on ${recipe.input.kind === 'preset' ? recipe.input.id : 'an image'} ` +
    `(${recipe.layers.map((l) => l.name).join('+')})`;
  // Save and Share take the dream on screen and the recipe that made it, whatever the controls say now.
  const shareable = (): Shareable | null => {
    const last = onScreen();
    return (
      last && {
        recipe: last.recipe,
        title: titleOf(last.recipe),
        output: () => last.output,
        inputs: [last.file, last.guideFile],
      }
    );
  };

  /** The PNG at the uploaded image's own size (up to 4096 px), when it was dreamed at a smaller working size. */
  const download = () =>
    run(null, async (c) => {
      const last = onScreen();
      if (!last) return;
      let png = await last.output;
      if (last.file && last.recipe.input.kind === 'upload') {
        const { image } = await c.engine({
          kind: 'dream-full-size',
          recipe: last.recipe,
          files: { input: last.file, guide: last.guideFile },
          dreamed: png,
          limit: FULL_SIZE_LIMIT,
        });
        const out = document.createElement('canvas');
        drawBitmap(image!, out);
        image!.close();
        png = await canvasToPng(out);
      }
      downloadBlob(png, 'neural-atelier-dream.png');
    });

  const changed =
    studio.settingsChanged &&
    'Settings changed: press Dream to apply them. Save, Share and Download keep the dream on screen.';

  return (
    <StudioFrame
      {...studio.frame}
      notice={[notice ?? changed, state.linkNote].filter(Boolean).join(' ') || null}
      controls={
        <>
          <ModelStatus state={model} title={INCEPTION.title} />
          <ImagePicker
            label="Your image"
            testId="upload"
            value={input}
            onPreset={(ref) => {
              change({ input: ref });
              setFile(null);
            }}
            onFile={onFile}
            acceptPaste
          />
          <DreamControls
            settings={settings}
            onChange={change}
            painting={painting}
            onPainting={setPainting}
            brush={brush}
            onBrush={setBrush}
          />
          <GuidePicker
            guide={settings.guide}
            onPreset={(ref) => {
              change({ guide: ref, channel: undefined });
              setGuideFile(null);
            }}
            onFile={onGuideFile}
            onClear={() => change({ guide: undefined })}
          />
          <RunControls
            studio={studio}
            label="Dream"
            disabled={model.phase !== 'ready'}
            onRun={() => start(recipeOf(state.settings), file, guideFile)}
          />
          <CreationsDrawer
            version={studio.saved}
            uses={[{ label: 'use', onUse: (c) => c.image && onFile(Object.assign(c.image, { name: c.title })) }]}
          />
        </>
      }
      result={
        <div className="flex flex-col items-center gap-4">
          <div className="relative w-full max-w-[40rem]">
            <canvas
              data-testid="result"
              ref={resultCanvas}
              className="block h-auto w-full rounded-lg bg-ink"
              width={1}
              height={1}
            />
            <canvas
              ref={originalCanvas}
              className={`absolute inset-0 h-full w-full rounded-lg ${showOriginal ? '' : 'invisible'}`}
              width={1}
              height={1}
            />
            {painting && display && display.width > 1 && (
              <MaskPainter
                width={display.width}
                height={display.height}
                mask={settings.mask}
                brush={brush}
                feather={0.03}
                onChange={(mask) => change({ mask })}
              />
            )}
          </div>
          <canvas
            ref={zoomCanvas}
            data-testid="zoom-frames"
            aria-label="the zoom animation, frame by frame"
            className={`h-auto w-full max-w-[40rem] rounded-lg ${zooming ? '' : 'hidden'}`}
            width={1}
            height={1}
          />
          {!hasResult && (
            <p className="text-muted">
              This is your starting image. Choose layers (and paint where, if you like), then press Dream: each step
              appears here as it happens.
            </p>
          )}
          {hasResult && (
            <div className="flex flex-wrap gap-2 text-sm">
              <button
                onPointerDown={() => setShowOriginal(true)}
                onPointerUp={() => setShowOriginal(false)}
                onPointerLeave={() => setShowOriginal(false)}
                className="rounded-md border border-line px-3 py-1.5"
              >
                Hold to compare
              </button>
              <button
                data-testid="download"
                onClick={() => void download()}
                disabled={busy}
                className="rounded-md border border-line px-3 py-1.5"
                title="An uploaded image comes back at its own size (up to 4096 px), with the dream carried onto it"
              >
                Download PNG
              </button>
              <SaveShare studio={studio} current={shareable} disabled={busy} />
            </div>
          )}
          {hasResult && !busy && (
            <div
              className={
                'flex w-full max-w-[40rem] flex-wrap items-end gap-3 rounded-lg border border-line p-3 text-sm'
              }
            >
              <div className="min-w-40 flex-1">
                <Slider
                  label="Zoom frames"
                  value={zoomFrames}
                  min={4}
                  max={48}
                  step={1}
                  onChange={setZoomFrames}
                  hint={
                    `Each frame zooms ${Math.round((ZOOM_FACTOR - 1) * 100)}% into the centre ` +
                    'and dreams again with these settings'
                  }
                />
              </div>
              <button data-testid="zoom" onClick={zoomAnimation} className="rounded-md border border-line px-3 py-1.5">
                Zoom animation (GIF)
              </button>
            </div>
          )}
        </div>
      }
    />
  );
}

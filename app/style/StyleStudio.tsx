'use client';
import { useCallback, useRef, useState } from 'react';
import { registryEntry } from '@/models/registry';
import { defaultWeights, LATEST_STYLE_ALGORITHM } from '@/models/style/weights';
import { downloadBlob } from '@/lib/canvas/download';
import { presetRef } from '@/lib/canvas/presets';
import { sizeParam } from '@/lib/hooks/useHashRecipe';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { useDisplaySize } from '@/lib/hooks/useDisplaySize';
import { useStartingImage } from '@/lib/hooks/useStartingImage';
import type { Frame } from '@/lib/engine/protocol';
import { modelRefFor } from '@/lib/share/model-ref';
import { autoRunBlocker, type ImageRef, imageRefsOf, type StyleRecipe } from '@/lib/share/recipe';
import { canvasToPng, drawBitmap, drawPng, loadImageFile } from '@/lib/canvas/image-file';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { MaskPainter } from '../_components/MaskPainter';
import { RunControls } from '../_components/RunControls';
import { SaveShare } from '../_components/SaveShare';
import type { Shareable } from '@/lib/share/shareable';
import { describeImage, ImagePicker } from '../_components/ImagePicker';
import { ModelStatus } from '../_components/ModelStatus';
import { Slider } from '../_components/Slider';
import { StudioFrame } from '../_components/StudioFrame';
import { StyleControls, type StyleSettings } from './StyleControls';
import { type Slot, StyleSlot } from './StyleSlot';

const INCEPTION = registryEntry('inception-v3');
const MAX_STYLES = 4;
// A photo and a well-known painting (public/presets); a second style starts as another painting.
const DEFAULT_CONTENT = 'nagasaki-1';
const DEFAULT_STYLE = 'starry-night-1';
const SECOND_STYLE = 'great-wave-1';

const NEW_WEIGHTS = defaultWeights(LATEST_STYLE_ALGORITHM);
const DEFAULTS: StyleSettings = {
  size: 384,
  steps: 200,
  contentWeight: NEW_WEIGHTS.contentWeight,
  styleWeight: NEW_WEIGHTS.styleWeight,
  tvWeight: NEW_WEIGHTS.tvWeight,
  learningRate: 6,
  styleScale: 1,
  coarseToFine: true,
  preserveColor: 'none',
  init: 'content',
  seed: 1,
  algorithm: LATEST_STYLE_ALGORITHM,
};

/** The images a run uses that a recipe can only name: the person's uploads, by role. */
interface RunFiles {
  content: Blob | null;
  styles: (Blob | null)[];
  start: Blob | null;
}

/** Everything the controls choose: the recipe less what names it and where a run was stopped. */
type StyleChoices = Omit<StyleRecipe, 'studio' | 'v' | 'model' | 'stopAt'>;
// A link's stopAt replays the run it describes; the next Paint runs all the steps again. A link from before
// algorithm 2 names none: its Paint keeps algorithm 1, so it makes the same picture again.
const settingsOf = ({ studio: _s, v: _v, model: _m, stopAt: _stop, ...choices }: StyleRecipe): StyleChoices => ({
  ...choices,
  algorithm: choices.algorithm ?? 1,
});

export default function StyleStudio() {
  const [defaults] = useState<StyleChoices>(() => ({
    ...DEFAULTS,
    size: sizeParam(location.search, DEFAULTS.size, 75, 2048),
    content: presetRef(DEFAULT_CONTENT),
    styles: [{ image: presetRef(DEFAULT_STYLE), weight: 1 }],
  }));
  const studio = useStudio<StyleChoices, StyleRecipe>({
    studio: 'style',
    settingsOf,
    defaults,
    model: () => INCEPTION,
  });
  const { state, run, fail, change, dismissError, backend, model, busy } = studio;
  const { content, styles: chosenStyles, start: startImage, ...settings } = state.settings;
  // The person's own images, by role: a recipe can only name them.
  const [files, setFiles] = useState<RunFiles>({ content: null, styles: [], start: null });
  const styles: Slot[] = chosenStyles.map((s, i) => ({ ...s, file: files.styles[i] ?? null }));
  const [notice, setNotice] = useState<string | null>(null);
  const [losses, setLosses] = useState<number[] | null>(null);
  const [hasResult, setHasResult] = useState(false);
  const [showOriginal, setShowOriginal] = useState(false);
  const resultCanvas = useRef<HTMLCanvasElement>(null);
  const originalCanvas = useRef<HTMLCanvasElement>(null);
  const [paintingRegion, setPaintingRegion] = useState<number | null>(null); // the style whose region the brush paints
  const [brush, setBrush] = useState(0.12);
  const display = useDisplaySize(resultCanvas); // the region painter overlays the displayed canvas
  // The images the shown picture was painted from, and its PNG (its recipe is state.shown): Share, Save and Continue
  // build on it.
  const lastRun = useRef<{ files: RunFiles; output: Promise<Blob> } | null>(null);
  /** The picture on screen: its recipe, the files it was painted from and its PNG; null before the first result. */
  const onScreen = () => (state.shown && lastRun.current ? { recipe: state.shown, ...lastRun.current } : null);

  const recipeOf = (): StyleRecipe => ({
    studio: 'style',
    v: 1,
    model: modelRefFor(INCEPTION),
    ...settings,
    content,
    // Regions only mean something between styles: a lone style paints everywhere.
    styles: chosenStyles.map((s) => ({
      image: s.image,
      weight: s.weight,
      ...(chosenStyles.length > 1 && s.region ? { region: s.region } : {}),
    })),
    ...(startImage ? { start: startImage } : {}),
  });

  const start = useCallback(
    (recipe: StyleRecipe, files: RunFiles) => {
      if (model.phase !== 'ready') return;
      const net = model.model;
      void run(
        recipe,
        async (c) => {
          const showPicture = ({ image, data }: Frame<'style'>) => {
            drawBitmap(image!, resultCanvas.current!);
            image!.close();
            setHasResult(true);
            if (data.losses) setLosses(data.losses);
          };
          const showFrame = (frame: Frame<'style'>) => {
            if (frame.step > 0) return showPicture(frame);
            // Frame 0 is the content at the working size: a thin image's size goes up, and the recipe says so.
            setNotice(frame.data.note);
            drawBitmap(frame.image!, originalCanvas.current!);
            frame.image!.close();
          };
          let result: Frame<'style'>;
          try {
            result = await c.engine({ kind: 'style', model: net, recipe, files }, showFrame);
          } catch (e) {
            // the canvas goes back to the picture Share and Save still name
            if (lastRun.current) await drawPng(await lastRun.current.output, resultCanvas.current!);
            throw e;
          }
          showPicture(result);
          lastRun.current = { files, output: canvasToPng(resultCanvas.current!) };
          // What the run made: the working size it used, and where it stopped when stopped by hand.
          return result.data.made;
        },
        recipe.size,
      );
    },
    [model, run],
  );

  // A recipe in the link (its choices are on the controls already) runs once the model is ready, unless too large
  // or made from uploads; without a link the studio waits for Paint.
  useOpenOnce(state, model.phase === 'ready', (link) => {
    if (!link) return;
    const upload = imageRefsOf(link).find((ref) => ref.kind === 'upload');
    const blocker =
      autoRunBlocker(link) ??
      (upload
        ? `This recipe uses an uploaded image (${describeImage(upload)}) that links cannot carry. ` +
          'Choose it again and press Run.'
        : null);
    setNotice(blocker);
    if (!blocker) start(link, { content: null, styles: [], start: null });
  });

  // The content image at the working size before the first run, so the page never starts empty.
  const idle = !busy;
  const previewed = useStartingImage(
    resultCanvas,
    content,
    files.content,
    settings.size,
    idle && !hasResult && backend.phase === 'ready',
  );

  /** A chosen file is decoded at once, so a broken one is reported before anyone presses Run. */
  const withFile = (f: File, use: (file: File, ref: ImageRef) => void) =>
    loadImageFile(f, 128).then(
      (bitmap) => {
        bitmap.close();
        use(f, { kind: 'upload', name: (f.name || 'pasted image').slice(0, 120) });
        setNotice(null);
        dismissError();
      },
      (e: Error) => fail(e.message),
    );
  const setStyle = (i: number, { file, ...slot }: Partial<Slot>) => {
    change({ styles: chosenStyles.map((s, k) => (k === i ? { ...s, ...slot } : s)) });
    if (file !== undefined) setFiles((f) => ({ ...f, styles: Object.assign([...f.styles], { [i]: file }) }));
  };
  const setContent = (image: ImageRef, file: Blob | null) => {
    change({ content: image });
    setFiles((f) => ({ ...f, content: file }));
  };
  const setStartFrom = (from: { image: ImageRef; file: Blob | null } | null) => {
    change({ start: from?.image });
    setFiles((f) => ({ ...f, start: from?.file ?? null }));
  };

  const titleOf = (recipe: StyleRecipe) =>
    `${describeImage(recipe.content)} in the style of ${recipe.styles.map((s) => describeImage(s.image)).join(' + ')}`;
  // Save and Share take the picture on screen and the recipe that made it, whatever the controls say now.
  const shareable = (): Shareable | null => {
    const run = onScreen();
    return (
      run && {
        recipe: run.recipe,
        title: titleOf(run.recipe),
        output: () => run.output,
        inputs: [run.files.content, ...run.recipe.styles.map((_, i) => run.files.styles[i] ?? null), run.files.start],
      }
    );
  };
  /** The last result becomes the next run's starting image, kept as a creation so the recipe can name it. */
  const continueFromResult = async () => {
    const item = shareable();
    const kept = item && (await studio.save({ ...item, title: `${item.title} (to continue)` }));
    if (kept) setStartFrom({ image: { kind: 'creation', id: kept.id }, file: kept.image ?? null });
  };

  const changed =
    studio.settingsChanged && 'Settings changed: press Paint to apply them. Save and Share keep the picture on screen.';
  const fromCreation = (c: { id: string }): ImageRef => ({ kind: 'creation', id: c.id });

  return (
    <StudioFrame
      {...studio.frame}
      notice={[notice ?? changed, state.linkNote].filter(Boolean).join(' ') || null}
      controls={
        <>
          <ModelStatus state={model} title={INCEPTION.title} />
          <ImagePicker
            label="Content image"
            testId="upload"
            value={content}
            onPreset={(ref) => setContent(ref, null)}
            onFile={(f) => withFile(f, (file, image) => setContent(image, file))}
            acceptPaste
          />
          {styles.map((s, i) => (
            <StyleSlot
              key={i}
              index={i}
              slot={s}
              count={styles.length}
              onChange={(slot) => setStyle(i, slot)}
              onFile={(f) => withFile(f, (file, image) => setStyle(i, { image, file }))}
              onRemove={() => {
                change({ styles: chosenStyles.filter((_, k) => k !== i) });
                setFiles((f) => ({ ...f, styles: f.styles.filter((_, k) => k !== i) }));
                setPaintingRegion(null);
              }}
              painting={paintingRegion === i}
              onPainting={(on) => {
                setPaintingRegion(on ? i : null);
                // The controls column is long: bring the picture to be painted on into view.
                if (on) resultCanvas.current?.scrollIntoView({ block: 'nearest' });
              }}
            />
          ))}
          {paintingRegion !== null && (
            <Slider
              label="Brush"
              value={brush}
              min={0.01}
              max={0.3}
              step={0.01}
              onChange={setBrush}
              format={(v) => `${Math.round(v * 100)}%`}
            />
          )}
          {styles.length < MAX_STYLES && (
            <button
              onClick={() => change({ styles: [...chosenStyles, { image: presetRef(SECOND_STYLE), weight: 1 }] })}
              className={
                'w-full rounded-md border border-dashed border-line px-3 py-1.5 text-sm text-muted ' +
                'hover:text-white'
              }
            >
              + Blend in another style
            </button>
          )}
          <StyleControls settings={settings} onChange={change} continuing={startImage !== undefined} />
          {startImage && (
            <p
              data-testid="starts-from"
              className={
                'flex items-center justify-between gap-2 rounded-md border border-accent/40 px-3 py-1.5 ' +
                'text-sm text-muted'
              }
            >
              Paint goes on from the last result
              <button onClick={() => setStartFrom(null)} className="text-xs hover:text-white">
                start afresh
              </button>
            </p>
          )}
          <RunControls
            studio={studio}
            label="Paint"
            disabled={model.phase !== 'ready'}
            onRun={() => start(recipeOf(), { ...files, styles: chosenStyles.map((_, i) => files.styles[i] ?? null) })}
            whileBusy={
              <button
                data-testid="stop-here"
                onClick={studio.finish}
                className="rounded-lg border border-emerald-500/50 px-4 py-2 text-emerald-200"
                title="Keep the picture as it is now"
              >
                Stop here
              </button>
            }
          />
          <CreationsDrawer
            version={studio.saved}
            uses={[
              { label: 'as content', onUse: (c) => setContent(fromCreation(c), null) },
              { label: 'as style', onUse: (c) => setStyle(0, { image: fromCreation(c), file: null }) },
            ]}
          />
        </>
      }
      result={
        <div className="flex flex-col items-center gap-4">
          <div className="relative w-full max-w-[40rem]">
            <canvas
              data-testid="result"
              ref={resultCanvas}
              className={`block h-auto w-full scroll-mt-20 rounded-lg bg-ink ${hasResult || previewed ? '' : 'hidden'}`}
              width={1}
              height={1}
            />
            <canvas
              data-testid="original"
              ref={originalCanvas}
              className={`absolute inset-0 h-full w-full rounded-lg ${showOriginal ? '' : 'invisible'}`}
              width={1}
              height={1}
            />
            {paintingRegion !== null && styles[paintingRegion] && display && display.width > 1 && (
              <MaskPainter
                width={display.width}
                height={display.height}
                mask={styles[paintingRegion].region}
                brush={brush}
                feather={0.03}
                onChange={(region) => setStyle(paintingRegion, { region })}
              />
            )}
          </div>
          {paintingRegion !== null && (
            <p className="text-sm text-accent">
              Paint where style {paintingRegion + 1} goes. Styles without a region share the rest.
            </p>
          )}
          {!hasResult && (
            <p className="text-muted">
              {previewed ? 'This is your content image. ' : ''}Choose a content image and one or more styles, then press
              Paint: the picture changes step by step, and you can stop it whenever you like it.
            </p>
          )}
          {losses && (
            <p data-testid="losses" className="font-mono text-xs text-muted">
              {`loss ${losses[0].toPrecision(3)} = content ${losses[1].toPrecision(3)} × ${settings.contentWeight}`}
              {` + style ${losses[2].toPrecision(3)} × ${settings.styleWeight}`}
              {` + smoothness ${losses[3].toPrecision(3)} × ${settings.tvWeight}`}
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
                onClick={() =>
                  void canvasToPng(resultCanvas.current!).then((png) => downloadBlob(png, 'neural-atelier-style.png'))
                }
                disabled={busy}
                className="rounded-md border border-line px-3 py-1.5"
              >
                Download PNG
              </button>
              <SaveShare studio={studio} current={shareable} disabled={busy} />
              <button
                data-testid="continue"
                onClick={() => void continueFromResult()}
                disabled={busy}
                className="rounded-md border border-line px-3 py-1.5"
                title={
                  'The next Paint starts from this picture instead of the content: ' +
                  'more steps, or other settings, on top of it'
                }
              >
                Continue from here
              </button>
            </div>
          )}
        </div>
      }
    />
  );
}

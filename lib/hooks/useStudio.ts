'use client';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { encodeRecipe } from '../share/codec';
import type { Recipe, StudioId } from '../share/recipe';
import {
  initialStudioState,
  settingsDiffer,
  studioReducer,
  type StudioAction,
  type StudioState,
} from '../studio/state';
import { Cancelled, readableError } from '../engine/errors';
import { LongTaskMeter } from '../studio/longtasks';
import { useHashRecipe } from './useHashRecipe';
import type { RunControl } from '../studio/run';
import { pageEngine, type RunHandle } from '../engine/client';
import type { ModelEntry } from '../../models/registry';
import { olderVersionNote } from '../share/model-ref';
import { creationOf, type Shareable } from '../share/shareable';
import { saveCreation } from '../store/creations';
import { useBackend } from './useBackend';
import { studioStatus, useModel } from './useModel';
import type { Frame, Plan } from '../engine/protocol';

/** One run as useStudio drives it: its buttons' state, its plan on the engine, and frames held while paused. */
interface RunState {
  cancelled: boolean;
  paused: boolean;
  handle: RunHandle | null;
  held: Frame[];
  deliver: (frame: Frame) => void;
}

interface StudioOptions<S, R> {
  studio: StudioId;
  /** The controls' values a recipe stands for. */
  settingsOf: (recipe: R) => S;
  /** The controls' values before any link or change. */
  defaults: S;
  /** The model the studio runs, loaded once the link is read (a link may name older weights that are served). */
  model: (state: StudioState<S, R>) => ModelEntry;
}

/**
 * What every studio repeats, around its reducer (lib/studio/state.ts): start the backend and load the model, open
 * the link once, keep `#r=` equal to the recipe on screen, run work with pause, resume and cancel, reporting status,
 * progress and errors, and save what is on screen. `frame` is what StudioFrame shows of it all.
 */
export function useStudio<S, R extends Recipe>({ studio, settingsOf, defaults, model: modelOf }: StudioOptions<S, R>) {
  const backend = useBackend();
  const hash = useHashRecipe<R>(studio);
  const [reducer] = useState(() => studioReducer<S, R>(settingsOf));
  const [state, dispatch] = useReducer(reducer, hash.phase === 'reading', (reading) =>
    initialStudioState<S, R>(defaults, reading),
  );
  const [longestTaskMs, setLongestTaskMs] = useState<number | null>(null);
  const control = useRef<RunState | null>(null);
  const [numTensors, setNumTensors] = useState<number | null>(null);
  const [saved, setSaved] = useState(0);
  const entry = modelOf(state);
  const linkRead = state.link !== 'reading';
  const model = useModel(entry, backend.phase === 'ready' && linkRead ? backend.info.name : null);

  // Another link in the same studio (a saved creation clicked in its drawer, an edited address) changes only the
  // fragment, which opens no new page: load it as one. The studio's own #r= writes use replaceState, which fires no
  // hashchange.
  useEffect(() => {
    const reopen = () => location.reload();
    addEventListener('hashchange', reopen);
    return () => removeEventListener('hashchange', reopen);
  }, []);

  useEffect(() => {
    if (hash.phase === 'ready') dispatch({ type: 'linkOpened', recipe: hash.recipe, note: hash.warning });
    if (hash.phase === 'broken') dispatch({ type: 'linkBroken', message: hash.message });
  }, [hash]);

  // The address bar names what is on screen; a later write wins over a slower earlier one.
  const writes = useRef(0);
  useEffect(() => {
    if (!state.shown) return;
    const n = ++writes.current;
    void encodeRecipe(state.shown).then((text) => n === writes.current && history.replaceState(null, '', `#r=${text}`));
  }, [state.shown]);

  /**
   * Runs `work` for `recipe`, which becomes `shown` when it finishes (or the recipe `work` returns, when the run
   * decides what it made); `recipe` null is a side run (a blend) that leaves `shown` as it is. A new run cancels
   * the one before.
   */
  const run = useCallback(
    async (recipe: R | null, work: (c: RunControl) => Promise<R | void>, workingSize?: number) => {
      if (control.current) {
        control.current.cancelled = true;
        control.current.handle?.cancel();
      }
      const mine: RunState = { cancelled: false, paused: false, handle: null, held: [], deliver: () => undefined };
      control.current = mine;
      const meter = new LongTaskMeter();
      const current = () => control.current === mine;
      dispatch({ type: 'runStarted', recipe });
      meter.start();
      try {
        const engine = await pageEngine();
        const made = await work({
          get cancelled() {
            return mine.cancelled;
          },
          engine: async <P extends Plan>(plan: P, onFrame?: (frame: Frame<P['kind']>) => void) => {
            if (mine.cancelled) throw new Cancelled();
            const deliver = (frame: Frame) => {
              if (mine.cancelled) return;
              onFrame?.(frame as Frame<P['kind']>);
              dispatch({ type: 'progress', step: frame.step, total: frame.total });
            };
            mine.deliver = deliver;
            // Frames already on their way when Pause is pressed wait for Resume: the screen stops at once.
            const handle = engine.run(
              plan,
              (frame) => (mine.paused ? mine.held.push(frame) : deliver(frame)),
              () => !mine.cancelled && dispatch({ type: 'preparing' }),
            );
            mine.handle = handle;
            if (mine.paused) handle.pause();
            try {
              return await handle.done;
            } finally {
              mine.held.splice(0); // the result (or the end) supersedes frames held by a pause
              if (mine.handle === handle) mine.handle = null;
              setNumTensors(engine.numTensors);
            }
          },
        });
        if (current()) dispatch({ type: mine.cancelled ? 'runCancelled' : 'runFinished', recipe: made ?? undefined });
      } catch (e) {
        if (!current()) return;
        if (e instanceof Cancelled || mine.cancelled) dispatch({ type: 'runCancelled' });
        else dispatch({ type: 'runFailed', message: readableError(e, workingSize) });
      } finally {
        if (current()) setLongestTaskMs(meter.stop());
      }
    },
    [],
  );

  const cancel = useCallback(() => {
    const c = control.current;
    if (!c) return;
    c.cancelled = true;
    c.handle?.cancel();
    dispatch({ type: 'runCancelled' });
  }, []);
  const pause = useCallback(() => {
    const c = control.current;
    if (!c) return;
    c.paused = true;
    c.handle?.pause();
    dispatch({ type: 'paused' });
  }, []);
  const resume = useCallback(() => {
    const c = control.current;
    if (!c) return;
    c.paused = false;
    c.held.splice(0).forEach(c.deliver);
    c.handle?.resume();
    dispatch({ type: 'resumed' });
  }, []);
  /** Ends the run's plan early, keeping what it made so far (style's "Stop here"). */
  const finish = useCallback(() => {
    const c = control.current;
    if (!c) return;
    c.paused = false;
    c.held.splice(0).forEach(c.deliver);
    c.handle?.finish();
    dispatch({ type: 'resumed' });
  }, []);
  const fail = useCallback((message: string) => dispatch({ type: 'runFailed', message }), []);
  useEffect(() => {
    if (model.phase === 'error') fail(model.message);
  }, [model, fail]);
  /** Keeps what is on screen in this browser's creations; `saved` counts saves, so the drawer re-reads. */
  const save = useCallback(async (item: Shareable | null) => {
    if (!item) return null;
    const creation = await saveCreation(await creationOf(item));
    setSaved((n) => n + 1);
    return creation;
  }, []);
  const status = studioStatus(state.status, model);
  const dismissError = useCallback(() => dispatch({ type: 'errorDismissed' }), []);
  const change = useCallback(
    (patch: Partial<S>) => dispatch({ type: 'settingChanged', patch } as StudioAction<S, R>),
    [],
  );

  return {
    state: state as StudioState<S, R>,
    backend,
    entry,
    model,
    /** The page contract's status: 'loading' while the model loads and nothing has run. */
    status,
    busy: state.status === 'running' || state.status === 'paused',
    frame: {
      studio,
      backend,
      model,
      // A link's older weights are named with their version (olderVersionNote says why they are used).
      modelTitle: olderVersionNote(entry) ? `${entry.title} (version ${entry.version})` : entry.title,
      /** What the page says above everything unless a studio says more: the link's note, or why older weights. */
      notice: state.linkNote ?? olderVersionNote(entry),
      status,
      error: state.error,
      progress: state.progress,
      longestTaskMs,
      numTensors,
    },
    saved,
    save,
    settingsChanged: settingsDiffer(state, settingsOf),
    change,
    run,
    cancel,
    pause,
    resume,
    finish,
    fail,
    dismissError,
  };
}

/** A studio's kit, as its parts (hooks and components of one studio) take it. */
export type Studio<S, R extends Recipe> = ReturnType<typeof useStudio<S, R>>;

/**
 * Opens the studio once, when it can run (`ready`: its model is loaded) and its link has been read: `open` gets the
 * link's recipe, or null for the studio's default. A broken link opens nothing, so its error stays alone on the page.
 */
export function useOpenOnce<S, R>(state: StudioState<S, R>, ready: boolean, open: (link: R | null) => void) {
  const opened = useRef(false);
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  useEffect(() => {
    if (opened.current || !ready || state.link === 'reading' || state.link === 'broken') return;
    opened.current = true;
    openRef.current(state.linkRecipe);
  }, [ready, state.link, state.linkRecipe]);
}

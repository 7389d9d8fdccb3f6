/**
 * A studio's state as one value changed by small named actions (pure: no React, no tfjs; unit-tested in Node).
 *
 * `settings` is what the controls show; `shown` is the recipe that made what is on screen, set only when a run
 * finishes. Save, Share and the address bar's `#r=` read `shown` and nothing else, so changing a control never
 * changes what a link remakes: the studio says "settings changed" until a run applies them.
 */
import type { RunStatus } from './run';

export interface StudioState<S, R> {
  /** What the controls show. */
  settings: S;
  /** The recipe that made what is on screen; null until a run has finished. */
  shown: R | null;
  /** The recipe being run; null while none runs, or while a side run (a blend) leaves `shown` as it is. */
  running: R | null;
  /** The page contract's status ('loading' comes from the model, see studioStatus). */
  status: Exclude<RunStatus, 'loading'>;
  /** The run's step, or `preparing` while the engine compiles its GPU programs before the first step. */
  progress: { step: number; total: number; preparing?: boolean } | null;
  error: string | null;
  /** A link being opened: 'reading' until it is decoded, 'broken' when it cannot be. */
  link: 'none' | 'reading' | 'opened' | 'broken';
  /** The recipe the link holds, once read. */
  linkRecipe: R | null;
  /** What the link says about itself (older or other weights), shown above the result. */
  linkNote: string | null;
}

export type StudioAction<S, R> =
  | { type: 'settingChanged'; patch: Partial<S> }
  | { type: 'linkOpened'; recipe: R; note: string | null }
  | { type: 'linkBroken'; message: string }
  | { type: 'runStarted'; recipe: R | null }
  | { type: 'progress'; step: number; total: number }
  | { type: 'preparing' }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'runFinished'; recipe?: R }
  | { type: 'runFailed'; message: string }
  | { type: 'runCancelled'; recipe?: R }
  | { type: 'errorDismissed' };

export function initialStudioState<S, R>(settings: S, linkInAddress: boolean): StudioState<S, R> {
  return {
    settings,
    shown: null,
    running: null,
    status: 'idle',
    progress: null,
    error: null,
    link: linkInAddress ? 'reading' : 'none',
    linkRecipe: null,
    linkNote: null,
  };
}

/** The reducer of a studio whose settings are read off a recipe by `settingsOf`
 * (a link's settings become the controls'). */
export function studioReducer<S, R>(settingsOf: (recipe: R) => S) {
  return (state: StudioState<S, R>, action: StudioAction<S, R>): StudioState<S, R> => {
    switch (action.type) {
      case 'settingChanged':
        return { ...state, settings: { ...state.settings, ...action.patch } };
      case 'linkOpened':
        return {
          ...state,
          settings: settingsOf(action.recipe),
          link: 'opened',
          linkRecipe: action.recipe,
          linkNote: action.note,
        };
      case 'linkBroken':
        // Nothing is rendered and nothing is shown, so the address bar keeps the link as it was given.
        return { ...state, link: 'broken', status: 'error', error: action.message, running: null };
      case 'runStarted':
        // A run applies its recipe to the controls (a new seed, a branch's prime).
        return {
          ...state,
          ...(action.recipe && { settings: settingsOf(action.recipe) }),
          running: action.recipe,
          status: 'running',
          progress: null,
          error: null,
        };
      case 'progress':
        return state.status === 'running' || state.status === 'paused'
          ? { ...state, progress: { step: action.step, total: action.total } }
          : state;
      case 'preparing':
        return state.status === 'running'
          ? {
              ...state,
              progress: { step: state.progress?.step ?? 0, total: state.progress?.total ?? 1, preparing: true },
            }
          : state;
      case 'paused':
        return state.status === 'running' ? { ...state, status: 'paused' } : state;
      case 'resumed':
        return state.status === 'paused' ? { ...state, status: 'running' } : state;
      case 'runFinished':
        // `recipe`: what the run turned out to make, when that is known only at its end (a style run stopped by hand).
        return { ...state, shown: action.recipe ?? state.running ?? state.shown, running: null, status: 'done' };
      case 'runFailed':
        return { ...state, running: null, status: 'error', error: action.message };
      case 'runCancelled':
        // `recipe`: what a stopped run did make (the text written so far), now on screen.
        return { ...state, shown: action.recipe ?? state.shown, running: null, status: 'idle' };
      case 'errorDismissed':
        // A new input replaced the one that failed; a broken link stays broken (nothing of it is shown).
        return state.status === 'error' ? { ...state, status: state.shown ? 'done' : 'idle', error: null } : state;
    }
  };
}

/** True when the controls no longer say what made the picture on screen
 * (the page says so; Share still shares the picture). */
export function settingsDiffer<S, R>(state: StudioState<S, R>, settingsOf: (recipe: R) => S): boolean {
  return state.shown !== null && !sameValue(settingsOf(state.shown), state.settings);
}

/** Deep equality of plain data, ignoring key order and undefined fields. */
export const sameValue = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** JSON with object keys sorted and undefined fields left out: equal values, equal text. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

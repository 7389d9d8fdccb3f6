import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FacesRecipe } from '../share/recipe';
import { initialStudioState, settingsDiffer, studioReducer, type StudioAction, type StudioState } from './state';

type FacesSettings = { truncation: number };
const settingsOf = (r: FacesRecipe): FacesSettings => ({ truncation: r.truncation });
const reduce = studioReducer<FacesSettings, FacesRecipe>(settingsOf);
const play = (state: StudioState<FacesSettings, FacesRecipe>, ...actions: StudioAction<FacesSettings, FacesRecipe>[]) =>
  actions.reduce(reduce, state);
const faces = (truncation: number, seeds = [1, 2, 3, 4]): FacesRecipe => ({
  studio: 'faces',
  v: 1,
  model: { id: 'dcgan-faces', fp: '0123abcd' },
  seeds,
  truncation,
});

describe('studio state', () => {
  it('a finished run sets what is shown; a changed setting never changes it', () => {
    const made = faces(0);
    const done = play(
      initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, false),
      { type: 'runStarted', recipe: made },
      { type: 'runFinished' },
    );
    assert.equal(done.shown, made);
    assert.equal(done.status, 'done');
    const moved = play(done, { type: 'settingChanged', patch: { truncation: 1.5 } });
    assert.equal(moved.shown, made);
    assert.deepEqual(moved.settings, { truncation: 1.5 });
    assert.equal(settingsDiffer(moved, settingsOf), true);
    assert.equal(settingsDiffer(done, settingsOf), false);
    const sameOtherOrder = play(done, { type: 'settingChanged', patch: { truncation: 0 } });
    assert.equal(settingsDiffer(sameOtherOrder, settingsOf), false);
  });

  it('shows nothing new while a run is going, nor after it fails or is cancelled', () => {
    const first = faces(0);
    const done = play(
      initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, false),
      { type: 'runStarted', recipe: first },
      { type: 'runFinished' },
    );
    const running = play(done, { type: 'runStarted', recipe: faces(1) }, { type: 'progress', step: 3, total: 10 });
    assert.equal(running.shown, first);
    assert.deepEqual(running.progress, { step: 3, total: 10 });
    assert.equal(play(running, { type: 'runFailed', message: 'GPU lost' }).shown, first);
    assert.equal(play(running, { type: 'runCancelled' }).shown, first);
    assert.equal(play(running, { type: 'runCancelled' }).status, 'idle');
  });

  it('"preparing the GPU" lasts until the first step arrives, and only while a run is going', () => {
    const idle = initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, false);
    const started = play(idle, { type: 'runStarted', recipe: faces(0) }, { type: 'progress', step: 0, total: 4 });
    assert.deepEqual(play(started, { type: 'preparing' }).progress, { step: 0, total: 4, preparing: true });
    assert.deepEqual(play(started, { type: 'preparing' }, { type: 'progress', step: 1, total: 4 }).progress, {
      step: 1,
      total: 4,
    });
    assert.equal(play(idle, { type: 'preparing' }).progress, null);
  });

  it('a run that decides at its end what it made shows that', () => {
    const stopped = { ...faces(0), seeds: [7] };
    const done = play(
      initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, false),
      { type: 'runStarted', recipe: faces(0) },
      { type: 'runFinished', recipe: stopped },
    );
    assert.equal(done.shown, stopped);
  });

  it('a side run (a blend) finishes without replacing what is shown', () => {
    const first = faces(0);
    const done = play(
      initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, false),
      { type: 'runStarted', recipe: first },
      { type: 'runFinished' },
    );
    const blended = play(done, { type: 'runStarted', recipe: null }, { type: 'runFinished' });
    assert.equal(blended.shown, first);
    assert.equal(blended.status, 'done');
  });

  it('a link sets the controls to its recipe and is kept to open', () => {
    const link = faces(0.7, [9, 9]);
    const opened = play(initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, true), {
      type: 'linkOpened',
      recipe: link,
      note: null,
    });
    assert.deepEqual(opened.settings, { truncation: 0.7 });
    assert.equal(opened.link, 'opened');
    assert.equal(opened.linkRecipe, link);
    assert.equal(opened.shown, null);
  });

  it('a damaged link leaves the studio in error with nothing shown (so the address keeps the link)', () => {
    const broken = play(initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, true), {
      type: 'linkBroken',
      message: 'This link is damaged.',
    });
    assert.equal(broken.status, 'error');
    assert.equal(broken.error, 'This link is damaged.');
    assert.equal(broken.shown, null);
    assert.equal(broken.link, 'broken');
    const replaced = play(broken, { type: 'errorDismissed' });
    assert.equal(replaced.status, 'idle');
    assert.equal(replaced.link, 'broken');
  });

  it('pause and resume only while a run is going', () => {
    const idle = initialStudioState<FacesSettings, FacesRecipe>({ truncation: 0 }, false);
    assert.equal(play(idle, { type: 'paused' }).status, 'idle');
    const paused = play(idle, { type: 'runStarted', recipe: faces(0) }, { type: 'paused' });
    assert.equal(paused.status, 'paused');
    assert.equal(play(paused, { type: 'resumed' }).status, 'running');
  });
});

'use client';
import { useEffect, useRef } from 'react';
import { useOpenOnce, useStudio } from '@/lib/hooks/useStudio';
import { sameValue } from '@/lib/studio/state';
import { keyOf, olderVersionNote } from '@/lib/share/model-ref';
import { isOwnModelRef, type TextRecipe } from '@/lib/share/recipe';
import { keepOwnModelFile } from '@/lib/store/model-files';
import type { OwnModel } from '@/lib/store/own-models';
import { CreationsDrawer } from '../_components/CreationsDrawer';
import { SaveShare } from '../_components/SaveShare';
import { StudioFrame } from '../_components/StudioFrame';
import { type CellFollower, CellInspector } from './CellInspector';
import { MusicPanel } from './MusicPanel';
import { OwnModelPanel } from './own/OwnModelPanel';
import { TextControls } from './TextControls';
import { useWriting } from './useWriting';
import { WrittenText } from './WrittenText';
import {
  defaults,
  entryOf,
  recipeOf,
  settingsOf,
  type TextChoices,
  textOf,
  type Voice,
  ownVoice,
  VOICES,
  voiceOf,
} from './voices';
import { NextCharChart } from './NextCharChart';

const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];

export default function TextStudio() {
  const studio = useStudio<TextChoices, TextRecipe>({
    studio: 'text',
    settingsOf,
    defaults: settingsOf(defaults(VOICES[0])),
    model: (state) => entryOf(state.settings),
  });
  const { state, run, fail, cancel, change, entry, model, status, busy } = studio;
  const recipe = recipeOf(state.settings);
  const voice = voiceOf(state.settings);
  const older = olderVersionNote(entry);
  const inspector = useRef<CellFollower>(null);
  const writing = useWriting(model, run, inspector);
  const { segments, logits, tune, notice } = writing;
  const write = writing.write;
  /** A branch grows from the text on screen and the recipe that made it. */
  const force = (char: string) => writing.force(char, state.shown ?? recipe);
  const linked = state.linkRecipe?.model;
  const unknownVoice = linked && !isOwnModelRef(linked) && !VOICES.some((v) => v.id === linked.id) ? linked.id : null;
  useEffect(() => {
    if (unknownVoice) fail(`This link names the model "${unknownVoice}", which the text studio does not have.`);
  }, [unknownVoice, fail]);
  useOpenOnce(state, model.phase === 'ready' && !unknownVoice, (link) => write(link ?? recipe));

  const choose = (v: Voice) => {
    // choosing the voice again moves an old link's recipe to the newest weights
    if (v.id === voice.id && !older) return;
    cancel();
    writing.clear();
    change(settingsOf(defaults(v)));
  };

  /** Writes with one of the person's kept models: the file it is kept as from now on is what writes and is shared. */
  const writeWith = async (m: OwnModel) => {
    try {
      const ref = await keepOwnModelFile(m);
      cancel();
      writing.clear();
      change(settingsOf(defaults(ownVoice(ref))));
      scrollTo({ top: 0, behavior: 'smooth' });
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e));
    }
  };

  // Save and Share take the text on screen and the recipe that wrote it, whatever the controls say now.
  const current = () => {
    if (!state.shown) return null;
    const text = textOf(writing.onScreen.current);
    const title =
      state.shown.mode === 'music' ? (/^T:(.*)$/m.exec(text)?.[1] ?? 'a tune') : text.replace(/\s+/g, ' ').slice(0, 40);
    return { recipe: state.shown, title, text };
  };

  const ready = model.phase === 'ready';
  // A stopped run's shorter length is not a change of settings: Write writes the full length again.
  const changed =
    state.shown &&
    !sameValue({ ...settingsOf(state.shown), length: 0 }, { ...state.settings, length: 0 }) &&
    'Settings changed: press Write to apply them. Save and Share keep the text on screen.';

  return (
    <StudioFrame
      {...studio.frame}
      notice={
        notice ?? (changed || state.linkNote) ?? (older && `${older} Choose ${voice.title} again to write with it.`)
      }
      progress={busy ? state.progress : null}
      controls={
        <>
          <TextControls
            recipe={recipe}
            voice={voice}
            ready={ready}
            status={status}
            busy={busy}
            onVoice={choose}
            onChange={change}
            onWrite={() => write({ ...recipe, seed: randomSeed() })}
            onSameSeed={() => write(recipe)}
            onPause={studio.pause}
            onResume={studio.resume}
            onStop={cancel}
          />
          <div className="flex flex-wrap gap-2 text-sm">
            <SaveShare studio={studio} current={current} disabled={!state.shown || busy} />
          </div>
          <CreationsDrawer version={studio.saved} />
        </>
      }
      result={
        <div className="grid gap-6 xl:grid-cols-[1fr_16rem]">
          <div className="space-y-4">
            <WrittenText segments={segments} writing={status === 'running'} />
            {tune && <MusicPanel tune={tune} />}
            <CellInspector
              ref={inspector}
              key={`${entry.id}@${entry.version}`}
              model={keyOf(entry)}
              written={textOf(segments)}
              ready={ready && status !== 'running'}
            />
            <OwnModelPanel onWrite={(m) => void writeWith(m)} />
          </div>
          <aside className="space-y-2">
            <h2 className="text-sm font-medium text-white">Next character</h2>
            <NextCharChart logits={logits} canForce={status === 'paused' || status === 'done'} onForce={force} />
          </aside>
        </div>
      }
    />
  );
}

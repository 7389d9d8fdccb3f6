'use client';
import { type RefObject, useCallback, useRef, useState } from 'react';
import { firstTune } from '@/models/charrnn/abc';
import { Cancelled } from '@/lib/engine/errors';
import type { Frame, ModelKey } from '@/lib/engine/protocol';
import type { ModelState } from '@/lib/hooks/useModel';
import type { Studio } from '@/lib/hooks/useStudio';
import type { TextRecipe } from '@/lib/share/recipe';
import type { RunControl } from '@/lib/studio/run';
import type { CellFollower } from './CellInspector';
import { PRIME_LIMIT, type Segment, type TextChoices, textOf } from './voices';

const FLUSH_EVERY = 3; // characters between screen updates while streaming

/**
 * The text studio's writing: a recipe written on the engine, streamed onto the screen in segments with the next
 * character's logits, a branch from a forced character, and the tune in music mode.
 */
export function useWriting(
  model: ModelState,
  run: Studio<TextChoices, TextRecipe>['run'],
  inspector: RefObject<CellFollower | null>,
) {
  const [segments, setSegments] = useState<Segment[]>([]);
  const [logits, setLogits] = useState<Float32Array | null>(null);
  const [tune, setTune] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onScreen = useRef<Segment[]>([]); // what is on screen, kept in step with the engine's frames

  /**
   * Writes `r` on the engine after the segments `before` (already on screen), streaming its characters. Returns the
   * recipe of the text on screen once it ends: a stopped run keeps the characters it wrote.
   */
  const writeAfter = useCallback(
    async (c: RunControl, gan: ModelKey, r: TextRecipe, before: Segment[]): Promise<TextRecipe | undefined> => {
      const show = (frame: Frame<'text'>) => {
        onScreen.current = frame.text ? [...before, { text: frame.text, kind: 'written' }] : before;
        setSegments(onScreen.current);
        if (frame.data.logits) setLogits(frame.data.logits);
      };
      onScreen.current = before;
      setSegments(before);
      setTune(null);
      try {
        show(await c.engine({ kind: 'text', model: gan, recipe: r, flushEvery: FLUSH_EVERY }, show));
      } catch (e) {
        if (!(e instanceof Cancelled)) throw e;
        const written = textOf(onScreen.current).length - r.prime.length;
        inspector.current?.writingEnded(textOf(onScreen.current));
        return written > 0 ? { ...r, length: written } : undefined;
      }
      if (r.mode === 'music') setTune(firstTune(textOf(onScreen.current)));
      inspector.current?.writingEnded(textOf(onScreen.current));
      return r;
    },
    [inspector],
  );

  const write = useCallback(
    (r: TextRecipe) => {
      if (model.phase !== 'ready') return;
      const rnn = model.model;
      setNotice(null);
      void run(r, (c) => writeAfter(c, rnn, r, [{ text: r.prime, kind: 'prime' }]));
    },
    [model, run, writeAfter],
  );

  /** A branch: the clicked character is fed as if the network had drawn it, and writing goes on from there. */
  const force = (char: string, base: TextRecipe) => {
    if (model.phase !== 'ready' || onScreen.current.length === 0) return;
    const rnn = model.model;
    const written = onScreen.current.filter((s) => s.kind !== 'prime').reduce((n, s) => n + s.text.length, 0);
    const remaining = base.length - written;
    const prime = textOf(onScreen.current) + char;
    // Reseeded, the branch goes on exactly as a fresh writer primed with all this text would: its link replays it.
    const branch: TextRecipe = { ...base, prime, length: remaining > 0 ? remaining : base.length };
    const linkable = prime.length <= PRIME_LIMIT;
    setNotice(
      linkable
        ? null
        : `This branch starts after ${prime.length} characters, more than the ${PRIME_LIMIT} a link holds: ` +
            'save it to your creations to keep it.',
    );
    const before: Segment[] = [...onScreen.current, { text: char, kind: 'forced' }];
    void run(linkable ? branch : null, async (c) => {
      const made = await writeAfter(c, rnn, branch, before);
      return linkable ? made : undefined;
    });
  };

  /** Empties the screen for another voice. */
  const clear = () => {
    setSegments([]);
    setLogits(null);
    setTune(null);
  };
  return { segments, logits, tune, notice, write, force, clear, onScreen };
}

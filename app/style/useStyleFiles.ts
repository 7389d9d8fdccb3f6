'use client';
// The person's own images of a style run, by role: a recipe can only name them, so they are kept here beside the
// controls' choices, and every change to an image changes both.
import { useState } from 'react';
import type { ImageRef, StyleRecipe } from '@/lib/share/recipe';
import type { Slot } from './StyleSlot';

/** The images a run uses that a recipe can only name: the person's uploads, by role. */
export interface RunFiles {
  content: Blob | null;
  styles: (Blob | null)[];
  start: Blob | null;
}

const NO_FILES: RunFiles = { content: null, styles: [], start: null };

type Change = (choices: Partial<Pick<StyleRecipe, 'content' | 'styles' | 'start'>>) => void;

export function useStyleFiles(chosen: StyleRecipe['styles'], change: Change) {
  const [files, setFiles] = useState<RunFiles>(NO_FILES);
  const setStyle = (i: number, { file, ...slot }: Partial<Slot>) => {
    change({ styles: chosen.map((s, k) => (k === i ? { ...s, ...slot } : s)) });
    if (file !== undefined) setFiles((f) => ({ ...f, styles: Object.assign([...f.styles], { [i]: file }) }));
  };
  const removeStyle = (i: number) => {
    change({ styles: chosen.filter((_, k) => k !== i) });
    setFiles((f) => ({ ...f, styles: f.styles.filter((_, k) => k !== i) }));
  };
  const setContent = (image: ImageRef, file: Blob | null) => {
    change({ content: image });
    setFiles((f) => ({ ...f, content: file }));
  };
  const setStartFrom = (from: { image: ImageRef; file: Blob | null } | null) => {
    change({ start: from?.image });
    setFiles((f) => ({ ...f, start: from?.file ?? null }));
  };
  return {
    files,
    /** the styles as the slots show them: each with its file */
    slots: chosen.map((s, i): Slot => ({ ...s, file: files.styles[i] ?? null })),
    /** the files of a run of what the controls say now */
    forRun: (): RunFiles => ({ ...files, styles: chosen.map((_, i) => files.styles[i] ?? null) }),
    setStyle,
    removeStyle,
    setContent,
    setStartFrom,
    /** the files a link's recipe names that this browser keeps (camera stills), as it opens */
    setKept: setFiles,
  };
}

'use client';
import abcjs from 'abcjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTonePlayback } from './useTonePlayback';
import { checkTune, tuneMidi, tuneNotes } from '@/models/charrnn/abc';
import { downloadBlob } from '@/lib/canvas/download';
import { encodeWav, renderNotes } from '@/lib/audio/wav';
import { Slider } from '../_components/Slider';

/** A generated tune: sheet music (abcjs), its check, playback with Tone.js, MIDI and WAV downloads. */
export function MusicPanel({ tune }: { tune: string }) {
  const sheet = useRef<HTMLDivElement>(null);
  const [qpm, setQpm] = useState(120);
  const { transport, play, stop } = useTonePlayback(tune, qpm);
  const check = useMemo(() => checkTune(tune), [tune]);

  useEffect(() => {
    if (sheet.current)
      abcjs.renderAbc(sheet.current, tune, {
        responsive: 'resize',
        add_classes: true,
        foregroundColor: '#e9e6ef',
        paddingleft: 0,
        paddingright: 0,
      });
  }, [tune]);

  const name =
    check.title
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'tune';
  return (
    <div className="space-y-3">
      <div ref={sheet} data-testid="sheet-music" className="overflow-hidden rounded-lg bg-[#17151d] p-3" />
      {check.valid ? (
        <p className="text-sm text-emerald-300">“{check.title}” parses cleanly, and every bar fits its meter.</p>
      ) : (
        <div
          data-testid="tune-problems"
          className="rounded-lg border border-amber-500/30 bg-amber-950/30 px-3 py-2 text-sm text-amber-100"
        >
          This tune does not parse cleanly, so it is not played: {check.problems.slice(0, 3).join('; ')}
          {check.problems.length > 3 ? ` (and ${check.problems.length - 3} more)` : ''}. Write another, or force a
          different character where it went wrong.
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button
          data-testid="play"
          disabled={!check.valid}
          onClick={() => void play()}
          className="rounded-lg bg-accent px-4 py-1.5 font-medium text-ink disabled:opacity-40"
        >
          Play
        </button>
        <button
          data-testid="stop"
          disabled={transport !== 'started'}
          onClick={stop}
          className="rounded-lg border border-line px-3 py-1.5 disabled:opacity-40"
        >
          Stop
        </button>
        <span className="text-xs text-muted">
          transport{' '}
          <span data-testid="transport" className="font-mono">
            {transport}
          </span>
        </span>
        <button
          disabled={!check.valid}
          onClick={() =>
            downloadBlob(new Blob([tuneMidi(tune, qpm) as BlobPart], { type: 'audio/midi' }), `${name}.mid`)
          }
          className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
        >
          MIDI
        </button>
        <button
          data-testid="download-wav"
          disabled={!check.valid}
          onClick={() =>
            downloadBlob(
              new Blob([encodeWav(renderNotes(tuneNotes(tune, qpm))) as BlobPart], { type: 'audio/wav' }),
              `${name}.wav`,
            )
          }
          className="rounded-md border border-line px-3 py-1.5 disabled:opacity-40"
        >
          WAV
        </button>
      </div>
      <div className="max-w-xs">
        <Slider
          label="Tempo"
          value={qpm}
          min={60}
          max={200}
          step={5}
          onChange={setQpm}
          format={(v) => `${v} ♩/min`}
          hint="Quarter notes a minute, for playback and both downloads"
        />
      </div>
    </div>
  );
}

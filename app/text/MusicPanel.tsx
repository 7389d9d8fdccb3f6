'use client';
import abcjs from 'abcjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { checkTune, tuneMidi, tuneNotes } from '@/models/charrnn/abc';
import { downloadBlob } from '@/lib/canvas/download';
import { encodeWav, renderNotes } from '@/lib/audio/wav';
import { Slider } from '../_components/Slider';

type ToneModule = typeof import('tone');
interface Playing {
  tone: ToneModule;
  synths: { dispose(): unknown }[];
}

/** A generated tune: sheet music (abcjs), its check, playback with Tone.js, MIDI and WAV downloads. */
export function MusicPanel({ tune }: { tune: string }) {
  const sheet = useRef<HTMLDivElement>(null);
  const playing = useRef<Playing | null>(null);
  const [qpm, setQpm] = useState(120);
  const [transport, setTransport] = useState<'stopped' | 'started'>('stopped');
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

  const stop = () => {
    const p = playing.current;
    if (!p) return;
    const t = p.tone.getTransport();
    t.stop();
    t.cancel();
    p.synths.forEach((s) => s.dispose());
    playing.current = null;
    setTransport('stopped');
  };
  // A new tune, or leaving the page, stops the old one.
  useEffect(() => stop, [tune]);

  const play = async () => {
    stop();
    const tone = await import('tone');
    await tone.start();
    const melody = new tone.PolySynth(tone.Synth, {
      oscillator: { type: 'triangle' },
      envelope: { attack: 0.005, decay: 0.1, sustain: 0.6, release: 0.08 },
    }).toDestination();
    const chords = new tone.PolySynth(tone.Synth, {
      oscillator: { type: 'sine' },
      envelope: { attack: 0.01, decay: 0.2, sustain: 0.5, release: 0.1 },
    }).toDestination();
    chords.volume.value = -9;
    const t = tone.getTransport();
    const notes = tuneNotes(tune, qpm);
    for (const n of notes) {
      t.schedule(
        (time) =>
          (n.track === 0 ? melody : chords).triggerAttackRelease(
            tone.Frequency(n.pitch, 'midi').toFrequency(),
            n.duration,
            time,
            n.velocity,
          ),
        n.start,
      );
    }
    const end = notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
    t.schedule((time) => tone.getDraw().schedule(stop, time), end + 0.3);
    playing.current = { tone, synths: [melody, chords] };
    t.start();
    setTransport(t.state === 'started' ? 'started' : 'stopped');
  };

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

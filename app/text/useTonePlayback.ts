'use client';
// Playing a tune with Tone.js: two synths (melody and chords) on the transport, stopped by a new tune, by leaving the
// page, by Stop, or by the tune's end.
import { useEffect, useRef, useState } from 'react';
import { tuneNotes } from '@/models/charrnn/abc';

type ToneModule = typeof import('tone');
interface Playing {
  tone: ToneModule;
  synths: { dispose(): unknown }[];
}

export function useTonePlayback(tune: string, qpm: number) {
  const playing = useRef<Playing | null>(null);
  const [transport, setTransport] = useState<'stopped' | 'started'>('stopped');

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

  return { transport, play, stop };
}

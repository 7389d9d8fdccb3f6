'use client';
// "Set to music": a loop through points of a latent space (the first faces on screen in /faces, a seeded loop in
// /latent), one move a bar of a folk tune (written by the tune CharRNN or pasted in ABC), played here with its sound
// and exported as one video with the tune. The studio puts the walk into its recipe, so a link remakes the same frames
// and tune.
import { useEffect, useRef, useState } from 'react';
import { checkTune, tuneTiming } from '@/models/charrnn/abc';
import { MAX_WALK_SECONDS } from '@/models/core/walk';
import { writeTune } from '@/lib/audio/tunes';
import { encodeWav } from '@/lib/audio/wav';
import type { SoundTrack } from '@/lib/canvas/video';
import { MAX_WALK_TUNE, WALK_FPS } from '@/lib/share/recipe';
import { VideoExport } from './VideoExport';

/** What a person sets: the tune, its tempo, the frame rate, and how many points the loop goes through. */
export interface WalkSettings {
  tune: string;
  qpm: number;
  fps: number;
  count: number;
}

export interface MadeWalk {
  walk: WalkSettings;
  frames: ImageData[];
  sound: SoundTrack;
}

const newSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];

/** Plays the walk's frames on `canvas` in time with its sound, until stopped or unmounted. */
function usePlayback(made: MadeWalk | null, canvas: React.RefObject<HTMLCanvasElement | null>) {
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!made || !canvas.current) return;
    const context = canvas.current.getContext('2d')!;
    context.putImageData(made.frames[0], 0, 0);
    if (!playing) return;
    const wav = encodeWav(made.sound.samples, made.sound.sampleRate) as BlobPart;
    const url = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
    const audio = new Audio(url);
    let raf = 0;
    const draw = () => {
      const frame = Math.min(made.frames.length - 1, Math.floor(audio.currentTime * made.walk.fps));
      context.putImageData(made.frames[frame], 0, 0);
      raf = requestAnimationFrame(draw);
    };
    audio.onended = () => setPlaying(false);
    void audio.play().then(draw, () => setPlaying(false));
    return () => {
      cancelAnimationFrame(raf);
      audio.pause();
      URL.revokeObjectURL(url);
    };
  }, [made, playing, canvas]);
  return { playing, setPlaying };
}

interface Props {
  made: MadeWalk | null;
  /** what the loop goes through ('faces', 'points'), how many it may, and what the panel says it is */
  through: { noun: string; max: number; about: string };
  /** the video's file name */
  name: string;
  ready: boolean;
  onMake: (walk: WalkSettings) => void;
}

export function MusicWalk({ made, through, name, ready, onMake }: Props) {
  const [tune, setTune] = useState(made?.walk.tune ?? '');
  const [qpm, setQpm] = useState(made?.walk.qpm ?? 140);
  const [count, setCount] = useState(made?.walk.count ?? Math.min(4, through.max));
  const [problem, setProblem] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  // A walk made (or opened from a link) sets the panel; a move that drops the walk leaves what the person wrote.
  const [lastMade, setLastMade] = useState(made?.walk ?? null);
  if (made && made.walk !== lastMade) {
    setLastMade(made.walk);
    setTune(made.walk.tune);
    setQpm(made.walk.qpm);
    setCount(made.walk.count);
  }
  const canvas = useRef<HTMLCanvasElement>(null);
  const { playing, setPlaying } = usePlayback(made, canvas);

  const write = async () => {
    setWriting(true);
    setProblem(null);
    try {
      setTune(await writeTune(newSeed()));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setWriting(false);
    }
  };
  const make = () => {
    const check = checkTune(tune);
    if (!check.valid) return setProblem(`This tune does not play as written: ${check.problems[0]}.`);
    const { seconds } = tuneTiming(tune, qpm);
    setProblem(
      seconds > MAX_WALK_SECONDS
        ? `At this tempo the tune lasts ${Math.round(seconds)} s; the walk stops at ${MAX_WALK_SECONDS} s.`
        : null,
    );
    onMake({ tune, qpm, fps: WALK_FPS, count: Math.min(count, through.max) });
  };

  const button = 'rounded-md border border-line px-3 py-1.5 text-sm disabled:opacity-40';
  return (
    <details className="w-full max-w-[60rem] rounded-lg border border-line bg-panel" open={!!lastMade}>
      <summary className="cursor-pointer px-4 py-2 text-sm text-white">Set the {through.noun} to music</summary>
      <div className="space-y-3 px-4 pb-4 text-sm">
        <p className="text-muted">
          {through.about}, one move a bar of a folk tune: write one with the tune network, or paste one in ABC.
        </p>
        <textarea
          data-testid="walk-tune"
          aria-label="The tune, in ABC"
          value={tune}
          maxLength={MAX_WALK_TUNE}
          rows={5}
          onChange={(e) => setTune(e.target.value)}
          className="w-full rounded-md border border-line bg-ink/60 p-2 font-mono text-xs"
        />
        <div className="flex flex-wrap items-center gap-3">
          <button data-testid="walk-write" className={button} disabled={writing} onClick={() => void write()}>
            {writing ? 'Writing a tune…' : 'Write a tune'}
          </button>
          <label className="flex items-center gap-1 text-muted">
            {through.noun}
            <select value={count} onChange={(e) => setCount(Number(e.target.value))}>
              {Array.from({ length: Math.max(0, through.max - 1) }, (_, i) => i + 2).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-1 text-muted">
            tempo
            <input
              type="number"
              aria-label="Tempo, quarter notes a minute"
              min={40}
              max={240}
              value={qpm}
              onChange={(e) => setQpm(Math.max(40, Math.min(240, Math.round(Number(e.target.value) || 140))))}
              className="w-16 rounded border border-line bg-ink px-1"
            />
          </label>
          <button
            data-testid="walk-make"
            className={`${button} border-accent`}
            disabled={!ready || !tune}
            onClick={make}
          >
            Make the walk
          </button>
        </div>
        {problem && (
          <p role="alert" className="text-rose-300">
            {problem}
          </p>
        )}
        {made && (
          <div className="flex flex-wrap items-center gap-4">
            <canvas
              data-testid="walk-preview"
              ref={canvas}
              width={made.frames[0].width}
              height={made.frames[0].height}
              className="rounded-lg"
            />
            <button data-testid="walk-play" className={button} onClick={() => setPlaying(!playing)}>
              {playing ? 'Stop' : 'Play with the tune'}
            </button>
            <span data-testid="walk-length" className="text-xs text-muted">
              {made.frames.length} frames, {(made.frames.length / made.walk.fps).toFixed(1)} s
            </span>
            <VideoExport frames={made.frames} name={name} fps={made.walk.fps} audio={made.sound} />
          </div>
        )}
      </div>
    </details>
  );
}

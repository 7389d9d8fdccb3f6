'use client';
// "Video…": an animation's frames as an MP4 (H.264; WebM/VP9 beyond what H.264 takes) at a chosen frame rate, with
// a progress bar and Cancel while it encodes. Where the browser has no WebCodecs it says so and offers the GIF.
import { useEffect, useRef, useState } from 'react';
import { downloadBlob } from '@/lib/canvas/download';
import { encodeGif } from '@/lib/canvas/gif';
import { type EncodedVideo, encodeVideo, type SoundTrack, videoSize, videoUnsupported } from '@/lib/canvas/video';

const RATES = [4, 8, 12, 24, 30];

type State =
  | { phase: 'closed' | 'open' }
  | { phase: 'encoding'; done: number; total: number }
  | { phase: 'done'; video: EncodedVideo; file: string; of: ImageData[] }
  | { phase: 'failed'; message: string };

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1000)).toLocaleString('en')} KB`;

interface Props {
  /** the animation's frames, all one size, in the order they play */
  frames: ImageData[];
  /** the file's name without its extension */
  name: string;
  fps: number;
  /** a sound track the frames are timed to: the frame rate is then theirs */
  audio?: SoundTrack;
}

export function VideoExport({ frames, name, fps: firstFps, audio }: Props) {
  const [kept, setState] = useState<State>({ phase: 'closed' });
  const [chosenFps, setFps] = useState(firstFps);
  const fps = audio ? firstFps : chosenFps; // frames timed to a sound keep their rate
  const abort = useRef<AbortController | null>(null);
  // New frames (another walk, another zoom) or leaving the page: an encoding of the old ones stops.
  useEffect(() => () => abort.current?.abort(), [frames]);
  // What was saved is said only while its frames are the ones here.
  const state: State = kept.phase === 'done' && kept.of !== frames ? { phase: 'open' } : kept;
  const { width, height } = videoSize(frames[0].width, frames[0].height);
  const unsupported = videoUnsupported();

  const encode = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'encoding', done: 0, total: frames.length });
    try {
      const video = await encodeVideo(frames, {
        fps,
        audio,
        signal: controller.signal,
        onProgress: (done, total) => setState({ phase: 'encoding', done, total }),
      });
      const file = `${name}.${video.container}`;
      downloadBlob(video.blob, file);
      setState({ phase: 'done', video, file, of: frames });
    } catch (e) {
      if (controller.signal.aborted) setState({ phase: 'open' });
      else setState({ phase: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const button = 'rounded-md border border-line px-3 py-1.5 text-sm disabled:opacity-40';
  if (state.phase === 'closed')
    return (
      <button data-testid="video-export" className={button} onClick={() => setState({ phase: 'open' })}>
        Video…
      </button>
    );
  return (
    <div data-testid="video-panel" className="w-full max-w-md space-y-2 rounded-lg border border-line p-3 text-sm">
      {unsupported ? (
        <p className="text-muted">{unsupported}</p>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1 text-muted">
            frames a second
            <select
              data-testid="video-fps"
              value={fps}
              disabled={state.phase === 'encoding' || !!audio}
              onChange={(e) => setFps(Number(e.target.value))}
            >
              {[...new Set([...RATES, fps])]
                .sort((a, b) => a - b)
                .map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
            </select>
          </label>
          <span className="text-xs text-muted">
            {frames.length} frames of {width} x {height} px, {(frames.length / fps).toFixed(1)} s
          </span>
        </div>
      )}
      {state.phase === 'encoding' ? (
        <div className="flex items-center gap-2">
          <progress data-testid="video-progress" value={state.done} max={state.total} className="w-full" />
          <button data-testid="video-cancel" className={button} onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {!unsupported && (
            <button data-testid="video-encode" className={`${button} border-accent`} onClick={() => void encode()}>
              Make the video
            </button>
          )}
          <button
            data-testid="video-gif"
            className={button}
            onClick={() => downloadBlob(encodeGif(frames, 1000 / fps), `${name}.gif`)}
          >
            GIF
          </button>
          <button className={button} onClick={() => setState({ phase: 'closed' })}>
            Close
          </button>
        </div>
      )}
      {state.phase === 'done' && (
        <p data-testid="video-done" className="text-xs text-muted">
          Saved {state.file}: {state.video.container === 'mp4' ? 'H.264' : 'VP9'} ({state.video.codec}),{' '}
          {state.video.width} x {state.video.height} px, {state.video.frames} frames at {state.video.fps} a second
          {audio ? ', with the tune' : ''}, {kilobytes(state.video.blob.size)}.
        </p>
      )}
      {state.phase === 'failed' && (
        <p role="alert" className="text-rose-300">
          {state.message}
        </p>
      )}
    </div>
  );
}

'use client';
// "Camera": the device's camera as an image source. A mirrored live preview, a still taken on click and handed on as
// a PNG file, the way an upload is (kept in this browser with what it makes; it leaves only if the creation is
// shared). The camera is off again as soon as the still is taken or the panel closes.
import { useEffect, useRef, useState } from 'react';
import { keepStill, stillName } from '@/lib/store/stills';

/** What went wrong with the camera, in words a person can act on. */
function cameraProblem(e: unknown): string {
  const name = e instanceof DOMException ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'The camera was not allowed. Allow it for this site (the icon in the address bar), or choose a file.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found. Choose a file instead.';
  if (name === 'NotReadableError') return 'The camera is in use by another program. Close it, or choose a file.';
  return `The camera could not start (${e instanceof Error ? e.message : String(e)}). Choose a file instead.`;
}

/** Browsers give pages a camera only in a secure context (https, or this machine). */
const cameraReachable = () => typeof navigator.mediaDevices?.getUserMedia === 'function';

export function CameraCapture({ testId, onFile }: { testId: string; onFile: (file: File) => void }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (!open || !cameraReachable()) return;
    let stream: MediaStream | null = null;
    let alive = true;
    navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } } }).then(
      async (s) => {
        stream = s;
        if (!alive || !video.current) return s.getTracks().forEach((t) => t.stop());
        video.current.srcObject = s;
        await video.current.play().catch(() => undefined);
        setLive(true);
      },
      (e: unknown) => alive && setProblem(cameraProblem(e)),
    );
    return () => {
      alive = false;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [open]);

  const shoot = () => {
    const v = video.current;
    if (!v?.videoWidth) return;
    const canvas = Object.assign(document.createElement('canvas'), { width: v.videoWidth, height: v.videoHeight });
    canvas.getContext('2d')!.drawImage(v, 0, 0); // the still as the camera sees it; only the preview is a mirror
    canvas.toBlob((blob) => {
      if (!blob) return setProblem('The still could not be made. Try again.');
      const file = new File([blob], stillName(), { type: 'image/png' });
      // Kept first, so a creation made from it reopens; a browser that keeps nothing still gets to use it.
      void keepStill(file)
        .catch(() => undefined)
        .then(() => onFile(file));
      setOpen(false);
    }, 'image/png');
  };

  const button = 'rounded-md border border-line px-2 py-0.5 text-xs disabled:opacity-40';
  if (!open)
    return (
      <button
        data-testid={`${testId}-camera`}
        className={button}
        onClick={() => {
          setLive(false);
          setProblem(
            cameraReachable()
              ? null
              : 'This page cannot reach a camera (browsers allow it on https pages only). Choose a file instead.',
          );
          setOpen(true);
        }}
      >
        Camera
      </button>
    );
  return (
    <div data-testid={`${testId}-camera-panel`} className="space-y-2 rounded-lg border border-line p-2 text-sm">
      {problem ? (
        <p role="alert" data-testid={`${testId}-camera-problem`} className="text-rose-300">
          {problem}
        </p>
      ) : (
        <video
          ref={video}
          muted
          playsInline
          aria-label="the camera, mirrored"
          className="w-full -scale-x-100 rounded bg-black"
        />
      )}
      <div className="flex gap-2">
        {!problem && (
          <button data-testid={`${testId}-camera-shoot`} disabled={!live} className={button} onClick={shoot}>
            Take the picture
          </button>
        )}
        <button className={button} onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </div>
  );
}

'use client';
import { useEffect, useState } from 'react';
import { CameraCapture } from './CameraCapture';

interface Props {
  label: string;
  testId: string;
  onFile: (file: File) => void;
  /** Listen for pasted images on the whole page (only one drop zone per page should). */
  acceptPaste?: boolean;
}

/** File picker + drag and drop + paste + the camera, all ending in onFile. Checking the file is the caller's job. */
export function ImageDrop({ label, testId, onFile, acceptPaste }: Props) {
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (!acceptPaste) return;
    const onPaste = (e: ClipboardEvent) => {
      const file = [...(e.clipboardData?.files ?? [])][0];
      if (file) onFile(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [acceptPaste, onFile]);
  return (
    <div className="space-y-1">
      <label
        className={
          'flex cursor-pointer flex-col items-center justify-center rounded-lg border border-dashed px-3 py-4 ' +
          `text-center text-sm transition ${over ? 'border-accent bg-accent/10' : 'border-line hover:border-muted'}`
        }
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const file = e.dataTransfer.files[0];
          if (file) onFile(file);
        }}
      >
        <span className="text-white">{label}</span>
        <span className="text-xs text-muted">drop, paste or click · PNG, JPEG, WebP, GIF · up to 50 MP</span>
        <input
          data-testid={testId}
          type="file"
          accept="image/*"
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = '';
          }}
        />
      </label>
      <CameraCapture testId={testId} onFile={onFile} />
    </div>
  );
}

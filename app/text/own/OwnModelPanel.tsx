'use client';
// "Your own model": a text of the person's (pasted, or a UTF-8 file), a network size, and a CharRNN learning it in
// the engine's Worker on the page's backend, with the loss as it falls and what the model writes as it learns.
import { useMemo, useState } from 'react';
import { alphabetNote, TRAINING_TEXT_BYTES, trainingTextProblem } from '@/models/charrnn/own-text';
import { newOwnModel, type OwnModel } from '@/lib/store/own-models';
import { LossChart } from './LossChart';
import { MyModels } from './MyModels';
import { FIRST_CHOICE, megabytes, ShapeChoice, shapeOf } from './ShapeChoice';
import { useTraining } from './useTraining';

/** As models/charrnn/train.py trains, with a higher rate and less dropout for small models on small texts. */
const SETTINGS = { learningRate: 5e-3, clipNorm: 1, dropout: 0.1, weightDecay: 0.01, batch: 32, window: 64, seed: 1 };

/** Reads a chosen file as UTF-8, or says why not; a file beyond the limit is refused unread. */
async function readText(file: File): Promise<{ text: string } | { problem: string }> {
  const tooBig = file.size > TRAINING_TEXT_BYTES.max && trainingTextProblem(file.size);
  if (tooBig) return { problem: tooBig };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()) };
  } catch {
    return { problem: trainingTextProblem(file.size, true)! };
  }
}

/** `onWrite`: the studio writes with a kept model (the file it is saved as, so what a link names is what writes). */
export function OwnModelPanel({ onWrite }: { onWrite: (model: OwnModel) => void }) {
  const [text, setText] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [choice, setChoice] = useState(FIRST_CHOICE);
  const training = useTraining();
  const bytes = useMemo(() => new TextEncoder().encode(text).length, [text]);
  const { shape, base } = shapeOf(choice);
  const textProblem = useMemo(() => (text ? trainingTextProblem(bytes, false, text) : null), [bytes, text]);
  const characters = useMemo(() => (textProblem ? null : alphabetNote(text)), [text, textProblem]);
  // A refused file says why until the text changes, but the text that was kept can still be trained on.
  const problem = fileProblem ?? textProblem;
  const busy = training.phase === 'training' || training.phase === 'paused' || training.phase === 'stopping';
  const shown = training.model;
  const last = shown?.reports.at(-1);

  const train = () => void training.train(newOwnModel(text, shape, SETTINGS, base));
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const read = await readText(file);
    // A refused file leaves the text that was there.
    if ('problem' in read) setFileProblem(read.problem);
    else {
      setFileProblem(null);
      setText(read.text);
    }
  };

  return (
    <details className="rounded-lg border border-line bg-panel" data-testid="own-model">
      <summary className="cursor-pointer px-4 py-2 text-sm text-white">Train your own model on your text</summary>
      <div className="space-y-3 px-4 pb-4 text-sm">
        <p className="text-muted">
          Paste a text or choose a .txt file ({TRAINING_TEXT_BYTES.min / 1000} KB to 5 MB: a diary, poems, an author you
          love). A network learns it here, in your browser; the last 10% is held out to see how well it really writes.
        </p>
        <textarea
          data-testid="own-text"
          aria-label="Text to train on"
          value={text}
          disabled={busy}
          onChange={(e) => {
            setFileProblem(null);
            setText(e.target.value);
          }}
          rows={5}
          className="w-full rounded-md border border-line bg-ink/60 p-2 font-mono text-xs"
        />
        <div className="flex flex-wrap items-center gap-3">
          <input
            type="file"
            accept=".txt,text/plain"
            aria-label="A text file to train on"
            disabled={busy}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          <span className="text-xs text-muted">{text ? `${megabytes(bytes)} of text` : 'no text yet'}</span>
        </div>
        {problem && (
          <p data-testid="own-text-problem" role="alert" className="text-rose-300">
            {problem}
          </p>
        )}
        {characters && (
          <p data-testid="own-text-alphabet" className="text-xs text-muted">
            {characters}
          </p>
        )}
        <ShapeChoice choice={choice} onChoice={setChoice} disabled={busy} />
        <TrainingButtons training={training} canTrain={!!text && !textProblem} onTrain={train} />
        {training.error && <p className="text-rose-300">{training.error}</p>}
        {training.phase === 'done' && (
          <p className="text-xs text-muted">
            Kept in this browser under My models: Write with it there, and Share takes the model with what it wrote.
          </p>
        )}
        {last && (
          <p
            data-testid="own-progress"
            data-steps={last.steps}
            data-held-out={last.heldOutLoss}
            data-unigram={last.unigram}
            className="text-muted"
          >
            step {last.steps.toLocaleString('en')}: held out {last.heldOutLoss.toFixed(3)} nats/char (character
            frequencies alone: {last.unigram.toFixed(3)}), {last.charsPerSecond.toLocaleString('en')} characters a
            second
          </p>
        )}
        {shown && <LossChart reports={shown.reports} />}
        {shown?.sample && (
          <figure className="space-y-1">
            <figcaption className="text-xs text-muted">{shown.name}, as it writes now:</figcaption>
            <pre data-testid="own-sample" className="whitespace-pre-wrap rounded bg-ink/60 p-2 font-mono text-xs">
              {shown.sample}
            </pre>
          </figure>
        )}
        <MyModels
          models={training.kept}
          current={shown?.id ?? null}
          busy={busy}
          onTrain={(m) => void training.train(m)}
          onWrite={onWrite}
          onChanged={training.refresh}
        />
      </div>
    </details>
  );
}

function TrainingButtons({
  training,
  canTrain,
  onTrain,
}: {
  training: ReturnType<typeof useTraining>;
  canTrain: boolean;
  onTrain: () => void;
}) {
  const button = 'rounded-md border border-line px-3 py-1.5 disabled:opacity-40';
  const { phase } = training;
  return (
    <div className="flex flex-wrap gap-2">
      {phase === 'training' || phase === 'paused' || phase === 'stopping' ? (
        <>
          {phase === 'paused' ? (
            <button data-testid="own-resume" className={button} onClick={training.resume}>
              Resume
            </button>
          ) : (
            <button data-testid="own-pause" className={button} disabled={phase === 'stopping'} onClick={training.pause}>
              Pause
            </button>
          )}
          <button data-testid="own-stop" className={button} disabled={phase === 'stopping'} onClick={training.stop}>
            Stop
          </button>
        </>
      ) : (
        <button data-testid="own-train" className={`${button} border-accent`} disabled={!canTrain} onClick={onTrain}>
          {phase === 'done' ? 'Train a new model' : 'Train'}
        </button>
      )}
      <span data-testid="own-phase" className="self-center text-xs text-muted">
        {phase}
      </span>
    </div>
  );
}

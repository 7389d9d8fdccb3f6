'use client';
import { CharRNN } from '@/models/charrnn/model';
import { registryEntry } from '@/models/registry';
import { PendingStudio } from '../_components/PendingStudio';

export default function TextStudio() {
  return (
    <PendingStudio
      studio="text"
      title="Text and music"
      tagline="Watch a character-level LSTM write Shakespeare or folk tunes, and see what it considered at every step."
      entry={registryEntry('charrnn-shakespeare')}
      create={(files) => new CharRNN(files)}
      waitingFor="the writing desk (streaming text, next-character chart, music mode) is still being built; the Shakespeare model it will use is loaded above."
    />
  );
}

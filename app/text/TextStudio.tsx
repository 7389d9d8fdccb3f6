'use client';
import { registryEntry } from '@/models/registry';
import { PendingStudio } from '../_components/PendingStudio';

export default function TextStudio() {
  return (
    <PendingStudio
      studio="text"
      title="Text and music"
      tagline="Watch a character-level LSTM write Shakespeare or folk tunes, and see what it considered at every step."
      entry={registryEntry('charrnn-shakespeare')}
      create={() => { throw new Error('no CharRNN weights are shipped yet'); }}
      waitingFor="the CharRNNs are not trained yet."
    />
  );
}

'use client';
import { InceptionV3 } from '@/models/inception-v3/model';
import { registryEntry } from '@/models/registry';
import { PendingStudio } from '../_components/PendingStudio';

export default function StyleStudio() {
  return (
    <PendingStudio
      studio="style"
      title="Style transfer"
      tagline="Paint your photo in the manner of any picture: Gatys' Gram-matrix optimisation on InceptionV3 features."
      entry={registryEntry('inception-v3')}
      create={(files) => new InceptionV3(files)}
      waitingFor="the style optimiser is still being built; the feature extractor it will use is loaded above."
      uploads={[{ testId: 'upload', label: 'Content image' }, { testId: 'upload-style', label: 'Style image' }]}
    />
  );
}

'use client';
import { registryEntry } from '@/models/registry';
import { PendingStudio } from '../_components/PendingStudio';

export default function FacesStudio() {
  return (
    <PendingStudio
      studio="faces"
      title="Faces"
      tagline="Faces that never existed, from a DCGAN we trained ourselves: grids from seeds, interpolation and latent arithmetic."
      entry={registryEntry('dcgan-faces')}
      create={() => { throw new Error('no DCGAN weights are shipped yet'); }}
      waitingFor="the face generator is still training."
    />
  );
}

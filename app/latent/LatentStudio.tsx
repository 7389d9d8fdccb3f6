'use client';
import { registryEntry } from '@/models/registry';
import { PendingStudio } from '../_components/PendingStudio';

export default function LatentStudio() {
  return (
    <PendingStudio
      studio="latent"
      title="Latent space"
      tagline="Slide through what a variational autoencoder learned about digits, fashion and faces."
      entry={registryEntry('vae-mnist')}
      create={() => { throw new Error('no VAE weights are shipped yet'); }}
      waitingFor="the VAEs are not trained yet."
    />
  );
}

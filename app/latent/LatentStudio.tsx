'use client';
import { registryEntry } from '@/models/registry';
import { VAE } from '@/models/vae/model';
import { PendingStudio } from '../_components/PendingStudio';

export default function LatentStudio() {
  return (
    <PendingStudio
      studio="latent"
      title="Latent space"
      tagline="Slide through what a variational autoencoder learned about digits, fashion and faces."
      entry={registryEntry('vae-mnist')}
      create={(files) => new VAE(files)}
      waitingFor="the sliders, the map and draw-to-encode are still being built; the digit VAE they will use is loaded above."
    />
  );
}

'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const LatentLoader = dynamic(() => import('./LatentStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title="Latent space" />,
});

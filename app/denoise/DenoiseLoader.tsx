'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const DenoiseLoader = dynamic(() => import('./DenoiseStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title="Denoise" />,
});

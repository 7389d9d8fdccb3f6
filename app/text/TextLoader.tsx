'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const TextLoader = dynamic(() => import('./TextStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title="Text and music" />,
});

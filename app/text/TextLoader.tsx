'use client';
import dynamic from 'next/dynamic';
import { studioById } from '@/lib/studio/studios';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const TextLoader = dynamic(() => import('./TextStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title={studioById('text').title} />,
});

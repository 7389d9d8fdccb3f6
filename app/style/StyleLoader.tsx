'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const StyleLoader = dynamic(() => import('./StyleStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title="Style transfer" />,
});

'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const LabLoader = dynamic(() => import('./LabStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title="Lab" />,
});

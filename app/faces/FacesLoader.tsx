'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const FacesLoader = dynamic(() => import('./FacesStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title="Faces" />,
});

'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

// tfjs needs window: the studio never renders on the server.
export const DreamLoader = dynamic(() => import('./DreamStudio'), {
  ssr: false,
  loading: () => <StudioSkeleton title="DeepDream" />,
});

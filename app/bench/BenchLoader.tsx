'use client';
import dynamic from 'next/dynamic';
import { StudioSkeleton } from '../_components/StudioSkeleton';

export const BenchLoader = dynamic(() => import('./BenchRunner'), {
  ssr: false,
  loading: () => <StudioSkeleton title="GPU benchmark" />,
});

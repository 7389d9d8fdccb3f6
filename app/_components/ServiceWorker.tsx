'use client';
import { useEffect } from 'react';

/** Registers public/sw.js in production builds so the app shell opens offline on a second visit. */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js').catch(() => undefined); // the app works without it
  }, []);
  return null;
}

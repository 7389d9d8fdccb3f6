import type { CreationRecord } from '@/server/types';

/** What anyone may see of a creation: everything but its token hash and report count. */
export const publicView = ({ tokenHash: _token, reports: _reports, ...rest }: CreationRecord) => rest;

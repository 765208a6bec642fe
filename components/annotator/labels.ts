import type { AnnotationKindName } from '@/lib/annotations/schemas';

/** A kind as people read it: shared by client components and the server-rendered dashboard, so it lives outside any 'use client' module. */
export const KIND_LABEL: Record<AnnotationKindName, string> = { claim: 'Claim', event: 'Event', source: 'Source' };

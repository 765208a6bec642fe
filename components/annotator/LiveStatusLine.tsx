'use client';

import type { LiveStatus } from './useLiveUpdates';

const TEXT: Record<LiveStatus, string> = {
  connecting: '',
  live: '',
  reconnecting: 'Reconnecting… Others’ changes will appear once the connection is back.',
  'signed-out': 'Live updates stopped: you have been signed out.',
  'no-access': 'Live updates stopped: this article is no longer available to you.',
};

/** What the live stream is doing, when it is not simply working; always in the page so a change is announced. */
export function LiveStatusLine({ status }: { status: LiveStatus }) {
  const text = TEXT[status];
  return (
    <p role="status" data-live-status={status} className={text ? 'rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900' : 'sr-only'}>
      {text}
    </p>
  );
}

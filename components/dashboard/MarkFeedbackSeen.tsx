'use client';

import { useEffect } from 'react';
import { callApi } from '@/lib/http/client';
import { FEEDBACK_SEEN_EVENT } from '@/lib/review/feedback';

/**
 * Once the dashboard's feedback is on screen, records that it was seen as of `seenAt` (when the
 * server counted), then tells the navigation to clear its badge. Renders nothing.
 */
export function MarkFeedbackSeen({ seenAt }: { seenAt: string }) {
  useEffect(() => {
    let live = true;
    void callApi<{ seenAt: string }>('POST', '/api/account/feedback-seen', { seenAt }).then((result) => {
      if (live && result.ok) window.dispatchEvent(new CustomEvent(FEEDBACK_SEEN_EVENT));
    });
    return () => {
      live = false;
    };
  }, [seenAt]);
  return null;
}

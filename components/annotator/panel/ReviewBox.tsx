'use client';

import { useState } from 'react';
import type { PaintAnnotation } from '@/lib/annotations/paint';
import { callApi } from '@/lib/http/client';
import { RejectForm } from '@/components/review/RejectForm';
import { Button } from '@/components/ui/Button';
import { STATUS_LABEL } from '@/lib/annotations/model';
import type { AnnotationDetailJson, AnnotationJson } from '@/components/annotator/types';
import { timeFormat } from './format';

interface Props {
  annotation: PaintAnnotation;
  lastDecision: AnnotationDetailJson['decisions'][number] | undefined;
  /** Reviewers judge others' annotations here as in the queue. */
  canJudge: boolean;
  rejectReasons: readonly string[];
  /** Shared with the edit form: one request at a time from the panel. */
  busy: boolean;
  setBusy: (busy: boolean) => void;
  /** A review decision was recorded (or the server showed a newer one): paint the new status. */
  reviewed: (annotation: AnnotationJson) => void;
}

/** The annotation's status, its latest review, and approving or rejecting it. */
export function ReviewBox({ annotation, lastDecision, canJudge, rejectReasons, busy, setBusy, reviewed }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const [reviewMessage, setReviewMessage] = useState<string | null>(null);

  async function review(decision: 'approve' | 'reject', comment?: string) {
    setBusy(true);
    setReviewMessage(null);
    const result = await callApi<{ annotation: AnnotationJson }>('POST', `/api/annotations/${annotation.id}/review`, {
      decision,
      comment,
      version: annotation.version,
    });
    setBusy(false);
    if (result.ok) {
      setRejecting(false);
      reviewed(result.data.annotation);
      setReviewMessage(decision === 'approve' ? 'Approved.' : 'Rejected.');
      return;
    }
    const current = result.current as { annotation?: AnnotationJson } | undefined;
    if (current?.annotation) reviewed(current.annotation);
    setReviewMessage(result.fieldErrors.comment?.join(' ') ?? result.message);
  }

  return (
    <div className="rounded border border-stone-200 bg-stone-50 px-2 py-1">
      <p>
        <span className="font-medium">Status:</span> {STATUS_LABEL[annotation.status]}
      </p>
      {lastDecision ? (
        <p className="text-xs text-stone-700">
          {lastDecision.decision === 'approve' ? 'Approved' : 'Rejected'} by {lastDecision.reviewer.name} on{' '}
          {timeFormat.format(new Date(lastDecision.createdAt))} (version {lastDecision.annotationVersion})
          {lastDecision.comment ? <>: “{lastDecision.comment}”</> : null}
        </p>
      ) : (
        <p className="text-xs text-stone-600">Not reviewed yet.</p>
      )}
      {canJudge ? (
        <div className="mt-2 space-y-1">
          {!rejecting ? (
            <div className="flex gap-2">
              <Button
                type="button"
                variant="compact-approve"
                className="px-2 py-0.5"
                disabled={busy || annotation.status === 'approved'}
                onClick={() => void review('approve')}
              >
                Approve
              </Button>
              <Button
                type="button"
                variant="compact-danger"
                className="px-2 py-0.5"
                disabled={busy || annotation.status === 'rejected'}
                onClick={() => setRejecting(true)}
              >
                Reject…
              </Button>
            </div>
          ) : (
            <RejectForm reasons={rejectReasons} busy={busy} onCancel={() => setRejecting(false)} onReject={(reason) => void review('reject', reason)} />
          )}
          {reviewMessage ? (
            <p role="status" className="text-xs text-stone-700">
              {reviewMessage}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

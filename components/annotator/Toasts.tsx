'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
  /** Milliseconds on screen; errors stay a little longer so they can be read. */
  duration: number;
}

export type ShowToast = (toast: Omit<Toast, 'id' | 'duration'> & { duration?: number }) => number;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show: ShowToast = useCallback((toast) => {
    const id = ++seq.current;
    setToasts((list) => [...list.slice(-3), { ...toast, id, duration: toast.duration ?? (toast.tone === 'error' ? 8000 : 5000) }]);
    return id;
  }, []);
  return { toasts, show, dismiss };
}

function ToastItem({ toast, dismiss }: { toast: Toast; dismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), toast.duration);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div
      className={`pointer-events-auto flex items-center gap-3 rounded-md px-4 py-2 text-sm shadow-lg ${toast.tone === 'error' ? 'bg-red-800 text-white' : 'bg-stone-900 text-white'}`}
    >
      <span>{toast.message}</span>
      {toast.action ? (
        <button
          type="button"
          className="rounded bg-white/15 px-2 py-0.5 font-semibold underline-offset-2 hover:bg-white/25"
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button type="button" aria-label="Dismiss" className="text-white/70 hover:text-white" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

/** Messages at the bottom of the screen; errors are announced assertively, the rest politely. */
export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2">
      <div role="alert" className="flex flex-col items-center gap-2">
        {toasts
          .filter((t) => t.tone === 'error')
          .map((t) => (
            <ToastItem key={t.id} toast={t} dismiss={dismiss} />
          ))}
      </div>
      <div role="status" className="flex flex-col items-center gap-2">
        {toasts
          .filter((t) => t.tone !== 'error')
          .map((t) => (
            <ToastItem key={t.id} toast={t} dismiss={dismiss} />
          ))}
      </div>
    </div>
  );
}

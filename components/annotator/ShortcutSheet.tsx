'use client';

import { useEffect, useRef } from 'react';

export const SHORTCUTS: [keys: string, what: string][] = [
  ['Shift + ← / →', 'Select text word by word from the text (Alt + Shift: by character); ← / → alone move to the next word'],
  ['Shift + ↑ / ↓', 'Extend the selection by a line'],
  ['C or 1', 'Tag the selection as a claim'],
  ['E or 2', 'Tag the selection as an event'],
  ['S or 3', 'Tag the selection as a source'],
  ['Alt (while selecting with the mouse)', 'Keep the exact characters instead of snapping to words'],
  ['J / K', 'Next / previous annotation'],
  ['Enter', 'Open the panel of the selected annotation'],
  ['Esc', 'Close the panel, cancel linking, or clear the selection'],
  ['Delete', 'Delete your selected annotation (with undo)'],
  ['Ctrl + Enter', 'Send a comment'],
  ['?', 'Show this sheet'],
];

/** The keyboard reference, as a modal dialog (Esc closes it; focus returns where it was). */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcuts-heading" className="m-auto max-w-lg rounded-lg p-5 shadow-xl backdrop:bg-stone-900/40">
      <h2 id="shortcuts-heading" className="mb-3 text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys} className="border-t border-stone-200">
              <th scope="row" className="py-1 pr-3 text-left font-mono text-xs font-semibold whitespace-nowrap">
                {keys}
              </th>
              <td className="py-1">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded bg-indigo-700 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-800">Close</button>
      </form>
    </dialog>
  );
}

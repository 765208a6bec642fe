'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: '/login' });
      }}
      className="rounded-md px-3 py-2 text-sm font-medium text-stone-700 hover:bg-stone-200"
    >
      {busy ? 'Signing out…' : 'Sign out'}
    </button>
  );
}

import { AppShell } from '@/components/shell/AppShell';
import { requirePageUser } from '@/lib/auth/session';

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return <AppShell user={user}>{children}</AppShell>;
}

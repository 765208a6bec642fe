import { can, type Actor, type Action } from '@/lib/auth/policy';

export interface NavItem {
  href: string;
  label: string;
}

const ITEMS: (NavItem & { action: Action })[] = [
  { href: '/', label: 'Dashboard', action: 'read:corpus' },
  { href: '/articles', label: 'Articles', action: 'read:corpus' },
  { href: '/review', label: 'Review', action: 'read:review-queue' },
  { href: '/progress', label: 'Progress', action: 'read:corpus' },
  { href: '/import', label: 'Import', action: 'manage:articles' },
  { href: '/admin/users', label: 'Users', action: 'manage:users' },
];

/** The navigation a role sees is what the policy lets it do, nothing more. */
export function navigationFor(actor: Actor): NavItem[] {
  return ITEMS.filter((item) => can(actor, item.action)).map(({ href, label }) => ({ href, label }));
}

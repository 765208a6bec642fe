import { PASSWORD_MIN } from '@/lib/validation';
import { TextField } from './TextField';

/** A password being set (one's own or a new user's): the browser offers to generate it, and the rule is shown. */
export function NewPasswordField({ label, name, errors }: { label: string; name: string; errors?: string[] }) {
  return (
    <TextField label={label} name={name} type="password" autoComplete="new-password" required hint={`At least ${PASSWORD_MIN} characters.`} errors={errors} />
  );
}

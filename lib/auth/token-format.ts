import { createHash, randomBytes } from 'node:crypto';

/**
 * A personal API token: `nm_` and 32 random bytes in base64url (43 characters). Only its SHA-256
 * is stored: the token has 256 bits of entropy, so a fast unsalted hash is enough (no password
 * hashing needed), and the lookup is one unique-index probe.
 */
export const TOKEN_PATTERN = /^nm_[A-Za-z0-9_-]{43}$/;
/** What the UI shows to tell tokens apart: `nm_` and the first 6 characters of the secret. */
export const PREFIX_LENGTH = 9;

export function generateToken(): string {
  return `nm_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenPrefix(token: string): string {
  return token.slice(0, PREFIX_LENGTH);
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

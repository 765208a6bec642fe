/** Integration test data for the export: two live articles and an archived one (database needed). */
import { createAnnotation } from '@/lib/annotations/mutations.ts';
import type { Actor, Role } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { createRelation } from '@/lib/relations/mutations.ts';
import { reviewAnnotation } from '@/lib/review/mutations.ts';

export const TEXT_A = 'The mayor said the tram line opens in June, a city report shows. “Wave 🌊 hits Kaminose,” said 佐藤 美咲.';
export const TEXT_B = 'Storm warning: the harbour closes tonight, officials said.';

async function user(role: Role, email: string): Promise<Actor & { email: string }> {
  const row = await db().user.create({ data: { email, name: `Name ${email.split('@')[0]}`, role, passwordHash: 'x' } });
  return { id: row.id, role, disabled: false, email };
}

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

export async function seedExport() {
  const author = await user('RESEARCHER', 'ana@example.org');
  const reviewer = await user('REVIEWER', 'rev@example.org');
  const article = async (title: string, text: string, source: string, publishedAt: string) =>
    db().article.create({ data: { title, text, source, publishedAt: new Date(publishedAt), contentHash: `hash-${title}` } });
  const a = await article('Tram line', TEXT_A, 'Alpha', '2024-05-01T10:00:00Z');
  const b = await article('Storm', TEXT_B, 'Beta', '2024-06-01T10:00:00Z');
  const c = await article('Old news', TEXT_B.replace('Storm', 'Old storm'), 'Alpha', '2024-05-02T10:00:00Z');
  const annotate = async (articleId: string, text: string, quote: string, kind: 'claim' | 'event' | 'source', note?: string) => {
    const start = text.indexOf(quote);
    return unwrap(await createAnnotation(author, articleId, { kind, start, end: start + quote.length, ...(note ? { note } : {}) }));
  };
  const claim = await annotate(a.id, TEXT_A, 'the tram line opens in June', 'claim', 'Check the date');
  const source = await annotate(a.id, TEXT_A, 'a city report', 'source');
  const rejected = await annotate(a.id, TEXT_A, 'Wave 🌊 hits Kaminose', 'claim');
  const stormClaim = await annotate(b.id, TEXT_B, 'the harbour closes tonight', 'claim');
  const stormSource = await annotate(b.id, TEXT_B, 'officials', 'source');
  const archivedClaim = await annotate(c.id, c.text, 'the harbour closes tonight', 'claim');
  unwrap(await reviewAnnotation(reviewer, claim.id, { decision: 'approve', comment: null, version: 1 }));
  unwrap(await reviewAnnotation(reviewer, rejected.id, { decision: 'reject', comment: 'Not a claim', version: 1 }));
  unwrap(await reviewAnnotation(reviewer, stormClaim.id, { decision: 'approve', comment: null, version: 1 }));
  unwrap(await reviewAnnotation(reviewer, stormSource.id, { decision: 'approve', comment: null, version: 1 }));
  unwrap(await reviewAnnotation(reviewer, archivedClaim.id, { decision: 'approve', comment: null, version: 1 }));
  // A relation to a pending annotation (exported with "all" only) and one between approved ones.
  const pendingRelation = unwrap(await createRelation(author, { fromId: claim.id, toId: source.id, type: 'attributed_to' }));
  const approvedRelation = unwrap(await createRelation(author, { fromId: stormClaim.id, toId: stormSource.id, type: 'attributed_to' }));
  await db().article.update({ where: { id: c.id }, data: { archivedAt: new Date() } });
  return { author, reviewer, a, b, c, claim, source, rejected, stormClaim, stormSource, pendingRelation, approvedRelation };
}

import { expect, it } from 'vitest';
import { db } from '../../lib/db.ts';
import { seedDemoData } from './demo-data.ts';

it('seeds three demo users and the demo articles once, through the import service', async () => {
  const first = await seedDemoData();
  expect(first.logins.map((l) => l.role).sort()).toEqual(['ADMIN', 'RESEARCHER', 'REVIEWER']);
  expect(first.articlesCreated).toBeGreaterThanOrEqual(6);
  expect(await db().article.count()).toBe(first.articlesCreated);

  const texts = (await db().article.findMany({ select: { text: true } })).map((a) => a.text);
  expect(Math.max(...texts.map((t) => t.length))).toBeGreaterThanOrEqual(20_000);
  expect(texts.some((t) => /[“”]/.test(t) && t.includes('—') && /\p{Extended_Pictographic}/u.test(t) && /\p{Script=Han}/u.test(t))).toBe(true);

  const second = await seedDemoData();
  expect(second).toEqual({ logins: [], articlesCreated: 0 });
  expect(await db().user.count()).toBe(3);
});

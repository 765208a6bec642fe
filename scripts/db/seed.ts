/** `npm run db:seed`: demo users and articles, on the embedded database or DATABASE_URL's. Safe to re-run. */
import { resolveDatabase } from '../lib/database-url.ts';
import { formatDemoLogins, projectRoot, saveDemoLogins } from '../lib/project.ts';
import { applyMigrations } from './schema-engine.ts';
import { seedDemoData } from './demo-data.ts';

const { url, embedded } = await resolveDatabase({ projectRoot, log: (s) => console.log(`[seed] ${s}`) });
try {
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  const { logins, articlesCreated } = await seedDemoData();
  await saveDemoLogins(logins);
  console.log(`[seed] Created ${logins.length} demo users and ${articlesCreated} demo articles.`);
  if (logins.length) console.log(formatDemoLogins(logins));
} finally {
  await embedded?.stop();
}

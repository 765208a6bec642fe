/** `npm run db:seed`: demo users and articles, on the embedded database or DATABASE_URL's. Safe to re-run. */
import { disconnectDb } from '../../lib/db.ts';
import { resolveDatabase } from '../lib/database-url.ts';
import { formatDemoLogins, saveDemoLogins } from '../lib/project.ts';
import { applyMigrations } from './schema-engine.ts';
import { seedDemoData } from './demo-data.ts';

const { url, embedded } = await resolveDatabase({ log: (s) => console.log(`[seed] ${s}`) });
try {
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  const { logins, articlesCreated } = await seedDemoData();
  console.log(`[seed] Created ${logins.length} demo users and ${articlesCreated} demo articles.`);
  if (logins.length) {
    console.log(formatDemoLogins(logins));
    // .data/ belongs to the embedded database: an external server's logins must not overwrite its own.
    if (embedded) await saveDemoLogins(logins);
    else console.log('[seed] These passwords are shown only now: note them or change them under /account.');
  }
} finally {
  await disconnectDb();
  await embedded?.stop();
}

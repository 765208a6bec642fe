import { existsSync } from 'node:fs';

/** The browser the end-to-end tests and bench:annotator launch: Debian's Chromium when the machine has it (no browser download here), Playwright's own otherwise. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_MB, DEFAULT_PLACEHOLDER_EMAIL, EnvError, readEnv } from './env.ts';

describe('readEnv', () => {
  it('gives the defaults when nothing is set, and treats empty as unset', () => {
    for (const source of [{}, { DATABASE_POOL_SIZE: '', PORT: ' ', IMPORT_PLACEHOLDER_EMAIL: '', WEB_CONCURRENCY: '' }]) {
      const read = readEnv(source);
      expect([read.DATABASE_URL, read.NEXTAUTH_URL, read.NEXTAUTH_SECRET, read.IMPORT_PARSE_WORKERS]).toEqual([undefined, undefined, undefined, undefined]);
      expect(read).toMatchObject({
        DATABASE_POOL_SIZE: 10,
        PORT: 3000,
        HOST: '127.0.0.1',
        WEB_CONCURRENCY: 1,
        TRUST_PROXY: false,
        NEWSMARK_HEAP_MB: DEFAULT_HEAP_MB,
        NEWSMARK_DATA_DIR: '.data',
        LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: 5,
        LOGIN_MAX_FAILURES_PER_IP: 20,
        LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
        IMPORT_PLACEHOLDER_EMAIL: DEFAULT_PLACEHOLDER_EMAIL,
      });
    }
  });

  it('reads what is set', () => {
    expect(
      readEnv({
        DATABASE_URL: 'postgresql://u:p@db:5432/newsmark',
        DATABASE_POOL_SIZE: '25',
        WEB_CONCURRENCY: '4',
        TRUST_PROXY: 'true',
        IMPORT_PARSE_WORKERS: '0',
        IMPORT_PLACEHOLDER_EMAIL: ' Legacy@Example.org ',
        LOGIN_MAX_FAILURES_PER_IP: '100',
      }),
    ).toMatchObject({
      DATABASE_URL: 'postgresql://u:p@db:5432/newsmark',
      DATABASE_POOL_SIZE: 25,
      WEB_CONCURRENCY: 4,
      TRUST_PROXY: true,
      IMPORT_PARSE_WORKERS: 0,
      IMPORT_PLACEHOLDER_EMAIL: 'legacy@example.org',
      LOGIN_MAX_FAILURES_PER_IP: 100,
    });
  });

  it.each([
    ['DATABASE_POOL_SIZE', 'ten', /DATABASE_POOL_SIZE must be a whole number from 1 to 1000, not "ten"/],
    ['DATABASE_POOL_SIZE', '0', /DATABASE_POOL_SIZE must be a whole number/],
    ['LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP', '-1', /LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP must be a whole number/],
    ['LOGIN_MAX_FAILURES_PER_IP', '2.5', /LOGIN_MAX_FAILURES_PER_IP must be a whole number/],
    ['IMPORT_PARSE_WORKERS', 'all', /IMPORT_PARSE_WORKERS must be a whole number from 0/],
    ['PORT', '70000', /PORT must be a whole number from 1 to 65535/],
    ['NEWSMARK_HEAP_MB', '1g', /NEWSMARK_HEAP_MB must be a whole number/],
    ['TRUST_PROXY', 'yes', /TRUST_PROXY must be 1, true, 0 or false/],
    ['NEXTAUTH_URL', 'newsmark.example.org', /NEXTAUTH_URL must be the URL the app is reached at/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL must be a postgresql:\/\/ URL/],
    ['IMPORT_PLACEHOLDER_EMAIL', 'nobody', /IMPORT_PLACEHOLDER_EMAIL must be an e-mail address/],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => readEnv({ [name]: value })).toThrow(EnvError);
    expect(() => readEnv({ [name]: value })).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => readEnv({ PORT: 'x', WEB_CONCURRENCY: '0' })).toThrow(/PORT must .*WEB_CONCURRENCY must/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseInput } from '@/lib/validation.ts';
import { articleArchiveSchema, articleMetadataSchema } from './metadata-schema.ts';

const fieldErrors = (input: unknown) => {
  const r = parseInput(articleMetadataSchema, input);
  return r.ok ? null : r.error.fieldErrors;
};

describe('articleMetadataSchema', () => {
  it('accepts a partial change, normalising text and clearing blank fields', () => {
    const r = articleMetadataSchema.parse({ title: '  Harbour\n fire  ', source: '', author: null, language: 'zh-Hant', publishedAt: '2024-05-31' });
    expect(r).toEqual({ title: 'Harbour fire', source: null, author: null, language: 'zh-Hant', publishedAt: new Date('2024-05-31T00:00:00.000Z') });
    expect(articleMetadataSchema.parse({ publishedAt: '2024-05-31T10:00:00+02:00' }).publishedAt).toEqual(new Date('2024-05-31T08:00:00.000Z'));
    expect(articleMetadataSchema.parse({ url: ' https://news.example/a?b=1 ' }).url).toBe('https://news.example/a?b=1');
  });

  it('refuses the text, unknown fields and an empty change', () => {
    expect(fieldErrors({ text: 'new text' })?.text?.[0]).toMatch(/cannot be edited/);
    expect(fieldErrors({ contentHash: 'x' })?._form?.[0]).toMatch(/Unrecognized key: "contentHash"/);
    expect(fieldErrors({})?._form).toEqual(['Change at least one field.']);
  });

  it('accepts only http(s) URLs', () => {
    for (const url of ['javascript:alert(1)', 'ftp://x.example/', 'not a url', 'data:text/html,hi']) expect(fieldErrors({ url })?.url, url).toBeDefined();
    expect(fieldErrors({ url: 'http://x.example' })).toBeNull();
  });

  it('refuses blank titles, bad dates, odd characters and bad language tags', () => {
    expect(fieldErrors({ title: '   ' })?.title).toEqual(['Enter a title.']);
    expect(fieldErrors({ title: 'a\u202eb' })?.title).toBeDefined();
    expect(fieldErrors({ title: 'x'.repeat(501) })?.title).toBeDefined();
    expect(fieldErrors({ publishedAt: '2024-02-30' })?.publishedAt).toBeDefined();
    expect(fieldErrors({ publishedAt: '31/05/2024' })?.publishedAt).toBeDefined();
    expect(fieldErrors({ language: 'english!' })?.language).toBeDefined();
    expect(fieldErrors({ source: 42 })?.source).toBeDefined();
  });
});

describe('articleArchiveSchema', () => {
  it('wants a boolean', () => {
    expect(articleArchiveSchema.safeParse({ archived: true }).success).toBe(true);
    expect(articleArchiveSchema.safeParse({ archived: 'yes' }).success).toBe(false);
    expect(articleArchiveSchema.safeParse({}).success).toBe(false);
  });
});

describe('articleMetadataSchema shares the import rules', () => {
  const issues = (input: unknown) => {
    const r = articleMetadataSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('names what is wrong with a URL, however it is wrapped', () => {
    expect(issues({ url: 'javascript:alert(1)' })).toEqual(['url: Enter a web address starting with http:// or https://.']);
    expect(issues({ url: `https://${'é'.repeat(3000)}.example/` })).toEqual(['url: A URL has at most 2,048 characters.']);
    expect(issues({ language: 'xx-!!' })).toEqual(['language: Enter a language tag such as en, de or zh-Hant.']);
  });

  it('stores URLs percent-encoded and language tags canonical, as the importer does', () => {
    expect(articleMetadataSchema.parse({ url: 'https://Ex.example/ä?q=1', language: 'en_gb' })).toEqual({
      url: 'https://ex.example/%C3%A4?q=1',
      language: 'en-GB',
    });
    expect(articleMetadataSchema.parse({ url: '', source: ' ' })).toEqual({ url: null, source: null });
  });
});

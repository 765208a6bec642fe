/** Page helpers for the annotator (/articles/[id]): opening it, finding words on screen, dragging over them. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface ApiAnnotation {
  id: string;
  kind: 'claim' | 'event' | 'source';
  start: number;
  end: number;
  exact: string;
  note: string;
  attributes: Record<string, unknown>;
  status: string;
  version: number;
  author: { id: string; name: string };
}

export const annotatorText = (page: Page): Locator => page.locator('[data-annotator-text]');
export const panel = (page: Page): Locator => page.getByRole('complementary', { name: 'Annotation panel' });
export const toolbar = (page: Page): Locator => page.getByRole('toolbar', { name: 'Tag selection' });
/** The highlight fragments of one annotation (a span crossing other spans is cut into several). */
export const highlight = (page: Page, id: string): Locator => annotatorText(page).locator(`span[data-id="${id}"]`);
/** The open panel's heading: "<Kind> · <Status>" (the legend's heading, also in the aside, has no "·"). */
export const panelHeading = (page: Page): Locator => panel(page).getByRole('heading', { level: 2, name: / · / });
/** What the aside shows when no annotation is open. */
export const panelPlaceholder = (page: Page): Locator => panel(page).getByText('Click a highlight (or press J/K, then Enter) to open it.');
/** The legend with counts and filters. */
export const legend = (page: Page): Locator => page.getByRole('region', { name: /^Highlights/ });
/** The polite live region that announces the annotation J/K moved to. */
export const announcement = (page: Page): Locator => page.locator('[aria-live="polite"]').filter({ hasText: /: “/ });

/** Opens an article and waits until its highlights are painted. */
export async function openAnnotator(page: Page, articleId: string): Promise<void> {
  await page.goto(`/articles/${articleId}`);
  await expect(annotatorText(page)).toHaveAttribute('data-ready', 'true');
}

/** The screen box of the n-th occurrence of `word` in the article text (as rendered). */
export async function wordBox(page: Page, word: string, occurrence = 0): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await annotatorText(page).evaluate(
    (root, [word, occurrence]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      // The text may be cut into several nodes by highlights: search the joined text, then map back.
      const nodes: Text[] = [];
      let joined = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push(n as Text);
        joined += (n as Text).data;
      }
      let at = -1;
      for (let i = 0; i <= (occurrence as number); i++) {
        at = joined.indexOf(word as string, at + 1);
        if (at < 0) return null;
      }
      const locate = (offset: number) => {
        let base = 0;
        for (const node of nodes) {
          if (offset <= base + node.data.length) return { node, offset: offset - base };
          base += node.data.length;
        }
        return null;
      };
      const from = locate(at);
      const to = locate(at + (word as string).length);
      if (!from || !to) return null;
      const range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      const rect = range.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > window.innerHeight) range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    },
    [word, occurrence] as const,
  );
  if (!box) throw new Error(`"${word}" is not in the article text`);
  return box;
}

/**
 * Drags the mouse from the middle of `from` to the middle of `to` (words in the text), as a
 * person selecting roughly would: the annotator snaps the selection to whole words.
 */
export async function dragOverWords(page: Page, from: string, to: string, options: { alt?: boolean } = {}): Promise<void> {
  const a = await wordBox(page, from);
  const b = await wordBox(page, to);
  if (options.alt) await page.keyboard.down('Alt');
  // Whole pixels: in this Chromium a mouse press at a fractional point starts no text selection.
  await page.mouse.move(Math.round(a.x + a.width / 2), Math.round(a.y + a.height / 2));
  await page.mouse.down();
  await page.mouse.move(Math.round((a.x + b.x + b.width / 2) / 2), Math.round(b.y + b.height / 2), { steps: 4 });
  await page.mouse.move(Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2), { steps: 4 });
  await page.mouse.up();
  if (options.alt) await page.keyboard.up('Alt');
}

/** Clicks the middle of a word of the text. */
export async function clickWord(page: Page, word: string, occurrence = 0): Promise<void> {
  const box = await wordBox(page, word, occurrence);
  await page.mouse.click(Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2));
}

/** The article's annotations as the API lists them. */
export async function listAnnotations(page: Page, articleId: string): Promise<ApiAnnotation[]> {
  const response = await page.request.get(`/api/articles/${articleId}/annotations`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: ApiAnnotation[] }).items;
}

/** One annotation with its relations, as `GET /api/annotations/:id` answers. */
export async function annotationDetail(
  page: Page,
  id: string,
): Promise<
  ApiAnnotation & { relations: { id: string; type: string; direction: string; other: { id: string; kind: string; exact: string } }[]; unattributed: boolean }
> {
  const response = await page.request.get(`/api/annotations/${id}`);
  expect(response.status()).toBe(200);
  return response.json();
}

/**
 * Resolves when the panel has (re)loaded an annotation's details. The panel reloads when the
 * annotation's version changes and then resets its form: wait for it before typing again.
 */
export function panelReload(page: Page, id: string): Promise<unknown> {
  return page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/annotations/${id}`);
}

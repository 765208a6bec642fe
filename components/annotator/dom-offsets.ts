/**
 * Between DOM positions and Article.text offsets. Each paragraph element carries its offset
 * (`data-start`); inside it only text nodes count (start/end marks are CSS pseudo-elements), so
 * an offset is the paragraph's plus the lengths of the text nodes before the position.
 */

import type { RefObject } from 'react';

/** The article text and the two elements that show it: the paragraphs and their positioned wrapper. */
export interface TextElements {
  text: string;
  textRef: RefObject<HTMLDivElement | null>;
  wrapRef: RefObject<HTMLDivElement | null>;
}

const PARAGRAPH = 'p[data-start]';

function paragraphOf(node: Node): HTMLElement | null {
  const element = node instanceof Element ? node : node.parentElement;
  return element?.closest<HTMLElement>(PARAGRAPH) ?? null;
}

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  return nodes;
}

const paragraphStart = (p: HTMLElement) => Number(p.dataset.start);
const paragraphEnd = (p: HTMLElement) => paragraphStart(p) + (p.textContent?.length ?? 0);

/** The text offset of a DOM position inside `container`, or null when it is outside. */
export function offsetOfPosition(container: HTMLElement, node: Node, offset: number): number | null {
  if (!container.contains(node)) return null;
  const paragraph = paragraphOf(node);
  if (!paragraph) {
    // Between paragraphs (the container itself): the nearest paragraph edge.
    const children = [...container.querySelectorAll<HTMLElement>(PARAGRAPH)];
    const after = node === container ? (container.childNodes[offset] as Element | undefined) : null;
    const next = after ? (after.matches?.(PARAGRAPH) ? (after as HTMLElement) : after.querySelector?.<HTMLElement>(PARAGRAPH)) : null;
    if (next) return paragraphStart(next);
    const last = children.at(-1);
    return last ? paragraphEnd(last) : null;
  }
  let base = paragraphStart(paragraph);
  if (node.nodeType === Node.TEXT_NODE) {
    for (const text of textNodes(paragraph)) {
      if (text === node) return base + offset;
      base += text.length;
    }
    return null;
  }
  // An element position: count the text before its offset-th child.
  const range = document.createRange();
  range.setStart(paragraph, 0);
  range.setEnd(node, offset);
  return base + range.toString().length;
}

/** The DOM position of a text offset, for building ranges (handles, keyboard selection). */
export function positionOfOffset(container: HTMLElement, target: number): { node: Text; offset: number } | null {
  const paragraphs = container.querySelectorAll<HTMLElement>(PARAGRAPH);
  let chosen: HTMLElement | null = null;
  for (const p of paragraphs) {
    if (paragraphStart(p) > target) break;
    chosen = p;
  }
  if (!chosen) chosen = paragraphs[0] ?? null;
  if (!chosen) return null;
  let base = paragraphStart(chosen);
  const nodes = textNodes(chosen);
  for (const text of nodes) {
    if (target <= base + text.length) return { node: text, offset: Math.max(0, target - base) };
    base += text.length;
  }
  const last = nodes.at(-1);
  return last ? { node: last, offset: last.length } : null;
}

export function rangeOfSpan(container: HTMLElement, start: number, end: number): Range | null {
  const from = positionOfOffset(container, start);
  const to = positionOfOffset(container, end);
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** The current selection as text offsets, when both of its ends lie inside `container`. */
export function selectionOffsets(container: HTMLElement): { start: number; end: number } | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const start = offsetOfPosition(container, range.startContainer, range.startOffset);
  const end = offsetOfPosition(container, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The text offset under a screen point (drag handles). */
export function offsetAtPoint(container: HTMLElement, x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) return offsetOfPosition(container, position.offsetNode, position.offset);
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? offsetOfPosition(container, range.startContainer, range.startOffset) : null;
}

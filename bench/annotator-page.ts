/**
 * What `npm run bench:annotator` installs in the page before any of the app's scripts run
 * (`addInitScript`), as plain JavaScript so that nothing the TypeScript compiler adds leaks in.
 * Everything is timed with performance.now(), whose zero is the navigation start.
 *
 * The annotator's contract, as the bench relies on it:
 *   - the article text is inside `[data-annotator-text]`, which gets `data-ready="true"` once
 *     every highlight is painted;
 *   - highlights are elements `[data-annotator-text] [data-id]`;
 *   - selecting text shows `role="toolbar"` named "Tag selection"; the key `c` tags the selection
 *     as a claim.
 */
export interface AddSample {
  before: number;
  after: number | null;
  keyAt: number | null;
  seenAt: number | null;
  paintedAt: number | null;
  newId: string | null;
}

export interface BenchState {
  textSeenAt: number | null;
  readyAt: number | null;
  toolbarArmedAt: number | null;
  toolbarSeenAt: number | null;
  toolbarPaintedAt: number | null;
  longTasks: { start: number; duration: number }[];
  longFrames: { start: number; duration: number; blocking: number }[];
  add: AddSample | null;
  armToolbar(): void;
  armAdd(): void;
  wordBox(fraction: number | null, exact: string | null): Promise<{ x1: number; x2: number; y: number; word: string } | null>;
  scrollState(): { top: number; max: number; client: number };
  frames(n: number): Promise<void>;
  counts(): { elements: number; highlights: number };
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

export const INSTRUMENTATION = String.raw`(() => {
  if (window !== window.top) return;
  const TEXT = '[data-annotator-text]';
  const B = (window.__bench = {
    textSeenAt: null, readyAt: null, toolbarArmedAt: null, toolbarSeenAt: null, toolbarPaintedAt: null,
    longTasks: [], longFrames: [], add: null,
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longFrames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}

  // After the next frame is painted: a rAF callback runs just before the paint, a message posted from it just after.
  const afterPaint = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(0);
    });

  const toolbarName = (el) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    return el.getAttribute('aria-label') ?? '';
  };
  const tagToolbarVisible = () => {
    for (const el of document.querySelectorAll('[role="toolbar"]')) {
      if (!toolbarName(el).toLowerCase().includes('tag selection')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.height > 0 && el.checkVisibility({ visibilityProperty: true })) return true;
    }
    return false;
  };

  new MutationObserver(() => {
    if (B.readyAt === null) {
      const text = document.querySelector(TEXT);
      if (text && B.textSeenAt === null) B.textSeenAt = performance.now();
      if (text && text.getAttribute('data-ready') === 'true') B.readyAt = performance.now();
    }
    if (B.toolbarArmedAt !== null && B.toolbarSeenAt === null && tagToolbarVisible()) {
      B.toolbarSeenAt = performance.now();
      afterPaint((t) => (B.toolbarPaintedAt = t));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready', 'hidden', 'style', 'class', 'aria-hidden', 'open'] });

  B.armToolbar = () => {
    B.toolbarArmedAt = performance.now();
    B.toolbarSeenAt = null;
    B.toolbarPaintedAt = null;
  };

  B.counts = () => ({
    elements: document.getElementsByTagName('*').length,
    highlights: document.querySelectorAll(TEXT + ' [data-id]').length,
  });

  // Times the next "c": from the key event until an element with a data-id not seen before is in
  // the text and the frame after it is painted.
  B.armAdd = () => {
    const root = document.querySelector(TEXT);
    const existing = root.querySelectorAll('[data-id]');
    const ids = new Set(Array.from(existing, (el) => el.getAttribute('data-id')));
    const add = (B.add = { before: existing.length, after: null, keyAt: null, seenAt: null, paintedAt: null, newId: null });
    const onKey = (event) => {
      if (event.key === 'c' && add.keyAt === null) add.keyAt = Math.min(event.timeStamp, performance.now());
    };
    window.addEventListener('keydown', onKey, true);
    const fresh = (node) => {
      if (node.nodeType !== 1) return null;
      if (node.hasAttribute('data-id') && !ids.has(node.getAttribute('data-id'))) return node;
      for (const el of node.querySelectorAll('[data-id]')) if (!ids.has(el.getAttribute('data-id'))) return el;
      return null;
    };
    const observer = new MutationObserver((records) => {
      if (add.seenAt !== null) return;
      for (const record of records) {
        const nodes = record.type === 'attributes' ? [record.target] : record.addedNodes;
        for (const node of nodes) {
          const el = fresh(node);
          if (!el) continue;
          add.seenAt = performance.now();
          add.newId = el.getAttribute('data-id');
          observer.disconnect();
          window.removeEventListener('keydown', onKey, true);
          afterPaint((t) => {
            add.paintedAt = t;
            add.after = document.querySelectorAll(TEXT + ' [data-id]').length;
          });
          return;
        }
      }
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-id'] });
  };

  const scroller = () => {
    for (let el = document.querySelector(TEXT)?.parentElement; el && el !== document.body; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight + 1) return el;
    }
    return document.scrollingElement;
  };
  B.scrollState = () => {
    const el = scroller();
    return { top: el.scrollTop, max: el.scrollHeight - el.clientHeight, client: el.clientHeight };
  };
  B.frames = (n) => new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
    step();
  });

  // The screen box of a whole word inside the text, scrolled to the middle of the viewport: the
  // given word, or the first word of five or more Latin letters at a fraction of the text. Arms
  // the toolbar stamp, in the same call to save a round trip before the drag.
  B.wordBox = async (fraction, exact) => {
    const root = document.querySelector(TEXT);
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let total = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('[aria-hidden="true"], [hidden]')) continue;
      nodes.push([node, total]);
      total += node.data.length;
    }
    let found = null;
    if (exact !== null) {
      for (const [node] of nodes) {
        const at = node.data.indexOf(exact);
        if (at >= 0) { found = [node, at, at + exact.length]; break; }
      }
    } else {
      const goal = fraction * total;
      let k = Math.max(0, nodes.findIndex(([node, start]) => start + node.data.length > goal));
      for (; k < nodes.length && !found; k++) {
        const [node, start] = nodes[k];
        const re = /(?<=[\s(“"])[A-Za-z]{5,}(?=[\s,.;:”")])/g;
        re.lastIndex = Math.max(0, Math.floor(goal - start));
        const m = re.exec(node.data);
        if (m) found = [node, m.index, m.index + m[0].length];
      }
    }
    if (!found) return null;
    const range = document.createRange();
    range.setStart(found[0], found[1]);
    range.setEnd(found[0], found[2]);
    let rect = range.getBoundingClientRect();
    if (rect.top < 80 || rect.bottom > innerHeight - 80) {
      scroller().scrollBy({ top: rect.top - innerHeight / 2, behavior: 'instant' });
      await B.frames(2);
      rect = range.getBoundingClientRect();
    }
    B.armToolbar();
    return { x1: rect.left + 1, x2: rect.right - 1, y: (rect.top + rect.bottom) / 2, word: range.toString() };
  };
})();`;

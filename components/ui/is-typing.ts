/**
 * Whether a key press belongs to a field being filled in (text, dates, selects, editable text)
 * rather than to the page's single-key shortcuts. Checkboxes, radios and buttons take no text,
 * so shortcuts still work while they have focus.
 */
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    /^(TEXTAREA|SELECT)$/.test(target.tagName) ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)));

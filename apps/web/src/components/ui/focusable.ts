const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Elements inside `root` that Tab can reach, in document order. */
export const focusableWithin = (root: HTMLElement): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));

/**
 * Makes everything outside `keep` inert and hidden from assistive tech, as a modal requires, and
 * returns a function that undoes exactly what it changed.
 */
export function isolate(keep: HTMLElement): () => void {
  const changed: HTMLElement[] = [];
  for (const element of Array.from(document.body.children)) {
    if (!(element instanceof HTMLElement) || element === keep || element.hasAttribute('inert')) continue;
    element.setAttribute('inert', '');
    element.setAttribute('aria-hidden', 'true');
    changed.push(element);
  }
  return () => {
    for (const element of changed) {
      element.removeAttribute('inert');
      element.removeAttribute('aria-hidden');
    }
  };
}

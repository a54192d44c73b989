import { X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { clsx } from 'clsx';
import { focusableWithin, isolate } from './focusable';

export interface DialogProps {
  open: boolean;
  /** Called on Escape, backdrop click and the close button, unless `dismissible` is false. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** Receives focus on open; defaults to the first focusable element of the content, else of the dialog. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** False while work is in flight, so a half-done action cannot be dismissed. Default true. */
  dismissible?: boolean;
  /** Width: 'md' for confirmations and short forms, 'lg' and 'xl' for grids. Default 'md'. */
  size?: DialogSize;
}

export type DialogSize = 'md' | 'lg' | 'xl';

const widths: Record<DialogSize, string> = { md: 'max-w-md', lg: 'max-w-2xl', xl: 'max-w-4xl' };

/**
 * A modal dialog: focus moves in and is trapped, the page behind becomes inert, and focus returns
 * to where it was on close.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  initialFocusRef,
  dismissible = true,
  size = 'md',
}: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    const panel = panelRef.current;
    if (!open || !container || !panel) return undefined;

    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const restore = isolate(container);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    const content = contentRef.current ? focusableWithin(contentRef.current)[0] : undefined;
    (initialFocusRef?.current ?? content ?? focusableWithin(panel)[0] ?? panel).focus();

    return () => {
      restore();
      document.body.style.overflow = overflow;
      previouslyFocused?.focus();
    };
  }, [open, initialFocusRef]);

  if (!open) return null;

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (dismissible) onClose();
      return;
    }
    if (event.key !== 'Tab' || !panelRef.current) return;
    const focusable = focusableWithin(panelRef.current);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div ref={containerRef} className="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
      <div
        className="absolute inset-0 bg-slate-900/40 backdrop-blur-[2px] animate-fade-in"
        aria-hidden="true"
        onClick={dismissible ? onClose : undefined}
      />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={handleKeyDown}
        className={clsx(
          'relative flex max-h-[calc(100dvh-2rem)] w-full flex-col rounded-2xl bg-white shadow-xl ring-1 ring-slate-900/10 outline-none animate-pop-in',
          widths[size],
        )}
      >
        <div className="shrink-0 px-6 pt-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {dismissible && (
              <button
                type="button"
                onClick={onClose}
                className="-m-1.5 rounded-md p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                aria-label="Close"
              >
                <X className="size-4" aria-hidden="true" />
              </button>
            )}
          </div>
          {description && (
            <div id={descriptionId} className="mt-2 text-sm text-slate-600">
              {description}
            </div>
          )}
        </div>
        {/* Tall content scrolls inside the dialog; title and buttons stay in view. */}
        {children && (
          <div ref={contentRef} className="min-h-0 overflow-y-auto px-6 pt-4 pb-1">
            {children}
          </div>
        )}
        {footer && (
          <div className="mt-6 flex shrink-0 flex-col-reverse gap-2 rounded-b-2xl bg-slate-50 px-6 py-4 sm:flex-row sm:justify-end">
            {footer}
          </div>
        )}
        {!footer && <div className="pb-6" />}
      </div>
    </div>,
    document.body,
  );
}

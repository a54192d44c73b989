import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { clsx } from 'clsx';
import { focusableWithin } from './focusable';

export interface PopoverProps {
  /** Content of the trigger button; its text is the button's accessible name. */
  trigger: ReactNode;
  triggerClassName?: string;
  /** Which edge of the trigger the panel lines up with. Default 'end'. */
  align?: 'start' | 'end' | 'stretch';
  panelClassName?: string;
  /** The panel's content; call `close` after an item did its job. */
  children: (close: () => void) => ReactNode;
}

/**
 * A button that discloses a panel of links and buttons (the disclosure pattern, so items keep
 * their button and link roles). Escape, a click outside or focus leaving closes it; arrow keys
 * move between items.
 */
export function Popover({ trigger, triggerClassName, align = 'end', panelClassName, children }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return undefined;
    focusableWithin(panelRef.current ?? document.body)[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => setOpen(false);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!open) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      setOpen(false);
      triggerRef.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = panelRef.current ? focusableWithin(panelRef.current) : [];
    if (items.length === 0) return;
    event.preventDefault();
    const index = items.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    items[(index + step + items.length) % items.length]?.focus();
  };

  const handleBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (open && !rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div ref={rootRef} className="relative" onKeyDown={handleKeyDown} onBlur={handleBlur}>
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((current) => !current)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className={clsx(
            'absolute z-40 mt-2 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-900/10 animate-pop-in',
            align === 'end' && 'right-0 min-w-60',
            align === 'start' && 'left-0 min-w-60',
            align === 'stretch' && 'inset-x-0',
            panelClassName,
          )}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}

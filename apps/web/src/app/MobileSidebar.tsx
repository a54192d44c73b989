import { X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { isolate } from '../components/ui/focusable';
import { SidebarContent } from './SidebarContent';

export interface MobileSidebarProps {
  open: boolean;
  onClose: () => void;
}

/** The sidebar as a modal drawer on small screens. */
export function MobileSidebar({ open, onClose }: MobileSidebarProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open || !containerRef.current) return undefined;
    const restore = isolate(containerRef.current);
    closeRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      restore();
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open, onClose]);

  if (!open) return null;
  return createPortal(
    <div ref={containerRef} className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label="Navigation">
      <div className="absolute inset-0 bg-slate-900/50 animate-fade-in" aria-hidden="true" onClick={onClose} />
      <div className="relative flex h-full w-72 max-w-[85%] animate-slide-in-left">
        <SidebarContent onNavigate={onClose} />
        <button
          ref={closeRef}
          type="button"
          onClick={onClose}
          className="absolute top-5 -right-11 rounded-lg p-1.5 text-white/80 hover:text-white focus-visible:outline-2 focus-visible:outline-white"
          aria-label="Close navigation"
        >
          <X className="size-5" aria-hidden="true" />
        </button>
      </div>
    </div>,
    document.body,
  );
}

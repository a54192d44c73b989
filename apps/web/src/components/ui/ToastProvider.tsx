import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { clsx } from 'clsx';
import { ToastContext, type ToastApi, type ToastInput, type ToastTone } from './toast-context';

/** How long a toast stays up, in ms. Errors stay longer because they usually need reading. */
const DURATION: Record<ToastTone, number> = { success: 4000, info: 5000, error: 8000 };

interface ToastItem extends ToastInput {
  id: number;
  tone: ToastTone;
}

const icons = {
  success: <CircleCheck className="size-5 text-emerald-500" aria-hidden="true" />,
  error: <CircleAlert className="size-5 text-red-500" aria-hidden="true" />,
  info: <Info className="size-5 text-sky-500" aria-hidden="true" />,
} satisfies Record<ToastTone, ReactNode>;

function Toast({ toast, onDismiss }: { toast: ToastItem; onDismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = window.setTimeout(() => onDismiss(toast.id), DURATION[toast.tone]);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.tone, onDismiss]);

  return (
    <div
      role={toast.tone === 'error' ? 'alert' : 'status'}
      className={clsx(
        'pointer-events-auto flex w-full max-w-sm gap-3 rounded-xl bg-white p-4 shadow-lg ring-1 ring-slate-900/10 animate-slide-up',
      )}
    >
      {icons[toast.tone]}
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-medium text-slate-900">{toast.title}</p>
        {toast.description && <p className="mt-0.5 text-slate-500">{toast.description}</p>}
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        className="-m-1 self-start rounded-md p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
        aria-label="Dismiss notification"
      >
        <X className="size-4" aria-hidden="true" />
      </button>
    </div>
  );
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const api = useMemo<ToastApi>(() => {
    const show = (input: ToastInput) => {
      const id = nextId.current++;
      // Keep the stack short: a burst of actions should not bury the page.
      setToasts((current) => [...current.slice(-3), { ...input, id, tone: input.tone ?? 'info' }]);
    };
    return {
      show,
      success: (title, description) => show({ title, description, tone: 'success' }),
      error: (title, description) => show({ title, description, tone: 'error' }),
    };
  }, []);

  return (
    <ToastContext value={api}>
      {children}
      {/* Bottom left of the content, beside the sidebar, as Material's snackbars sit: forms end in buttons on
          the right and page headers hold theirs at the top right, so a toast there covered the very button
          a user clicks next (Save changes, Edit) for its four seconds. */}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:items-start sm:p-6 lg:left-60"
      >
        {toasts.map((toast) => (
          <Toast key={toast.id} toast={toast} onDismiss={dismiss} />
        ))}
      </section>
    </ToastContext>
  );
}

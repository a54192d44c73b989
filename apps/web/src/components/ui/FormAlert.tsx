import type { ReactNode } from 'react';
import { Notice } from './Notice';

export interface FormAlertProps {
  title: ReactNode;
  children?: ReactNode;
}

/** A form-level error above the fields; focusable so a failed submit can move focus to it. */
export function FormAlert({ title, children }: FormAlertProps) {
  return (
    <div data-form-banner tabIndex={-1} className="rounded-xl outline-none focus-visible:ring-2 focus-visible:ring-red-300">
      <Notice tone="danger" title={title}>
        {children}
      </Notice>
    </div>
  );
}

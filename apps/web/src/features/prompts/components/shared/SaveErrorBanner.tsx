import type { FieldError } from '@agent-fleet/contracts';
import { Notice } from '../../../../components/ui/Notice';

export interface SaveErrorBannerProps {
  title: string;
  detail?: string | undefined;
  /** Problems that have no field on the form. */
  items: readonly FieldError[];
  requestId?: string | undefined;
}

/** A refused save's problems that cannot sit beside a field. Focusable, so a failed submit can move focus here. */
export function SaveErrorBanner({ title, detail, items, requestId }: SaveErrorBannerProps) {
  return (
    <div data-form-banner tabIndex={-1} className="mb-6 rounded-xl outline-none focus-visible:ring-2 focus-visible:ring-red-300">
      <Notice tone="danger" title={title}>
        {detail && <p>{detail}</p>}
        {items.length > 0 && (
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {items.map((item, index) => (
              <li key={`${item.path}-${index}`}>
                {item.path !== '' && <span className="font-mono text-xs">{item.path}: </span>}
                {item.message}
              </li>
            ))}
          </ul>
        )}
        {requestId && <p className="mt-2 font-mono text-xs opacity-70">Request ID: {requestId}</p>}
      </Notice>
    </div>
  );
}

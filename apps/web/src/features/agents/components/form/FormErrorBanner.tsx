import type { FieldError } from '@agent-fleet/contracts';
import { Notice } from '../../../../components/ui/Notice';

export interface FormBanner {
  title: string;
  detail?: string | undefined;
  /** Field errors that have no field in the form. */
  items: FieldError[];
  requestId?: string | undefined;
}

/** Problems that cannot sit beside a field: server failures and errors on fields the form lacks. */
export function FormErrorBanner({ banner }: { banner: FormBanner }) {
  return (
    <div data-form-banner tabIndex={-1} className="mb-6 rounded-xl outline-none focus-visible:ring-2 focus-visible:ring-red-300">
      <Notice tone="danger" title={banner.title}>
        {banner.detail && <p>{banner.detail}</p>}
        {banner.items.length > 0 && (
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {banner.items.map((item, index) => (
              <li key={`${item.path}-${index}`}>
                {item.path !== '' && <span className="font-mono text-xs">{item.path}: </span>}
                {item.message}
              </li>
            ))}
          </ul>
        )}
        {banner.requestId && <p className="mt-2 font-mono text-xs opacity-70">Request ID: {banner.requestId}</p>}
      </Notice>
    </div>
  );
}

import { ChevronDown } from 'lucide-react';
import type { ComponentProps } from 'react';
import { clsx } from 'clsx';
import { controlClasses } from './control-styles';

export type SelectProps = ComponentProps<'select'>;

/** A native select (keyboard, mobile pickers and form autofill for free) styled like the inputs. */
export function Select({ className, children, ...rest }: SelectProps) {
  const invalid = rest['aria-invalid'] === true || rest['aria-invalid'] === 'true';
  return (
    <div className={clsx('relative', className)}>
      <select className={controlClasses(invalid, 'h-9 appearance-none pr-9')} {...rest}>
        {children}
      </select>
      <ChevronDown
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-400"
        aria-hidden="true"
      />
    </div>
  );
}

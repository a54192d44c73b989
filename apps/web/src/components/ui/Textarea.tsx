import type { ComponentProps } from 'react';
import { controlClasses } from './control-styles';

export type TextareaProps = ComponentProps<'textarea'>;

export function Textarea({ className, rows = 4, ...rest }: TextareaProps) {
  const invalid = rest['aria-invalid'] === true || rest['aria-invalid'] === 'true';
  return <textarea rows={rows} className={controlClasses(invalid, `py-2 leading-6 ${className ?? ''}`)} {...rest} />;
}

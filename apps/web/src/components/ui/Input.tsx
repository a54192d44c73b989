import type { ComponentProps } from 'react';
import { controlClasses } from './control-styles';

export type InputProps = ComponentProps<'input'>;

export function Input({ className, ...rest }: InputProps) {
  const invalid = rest['aria-invalid'] === true || rest['aria-invalid'] === 'true';
  return <input className={controlClasses(invalid, `h-9 ${className ?? ''}`)} {...rest} />;
}

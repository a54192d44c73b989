import { Check, Copy } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Button } from './Button';
import { Field } from './Field';
import { Input } from './Input';

export interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  hint?: ReactNode;
}

/** A value to take away (a secret, a link): read-only, selected on focus, with a copy button. */
export function CopyField({ id, label, value, hint }: CopyFieldProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return undefined;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // Clipboard access can be denied (insecure origin, permissions); the value stays selectable.
      document.getElementById(id)?.focus();
    }
  };

  return (
    <Field id={id} label={label} hint={hint}>
      {(control) => (
        <div className="flex gap-2">
          <Input
            {...control}
            readOnly
            value={value}
            onFocus={(event) => event.currentTarget.select()}
            className="font-mono text-xs"
            spellCheck={false}
          />
          {/* Named by its text alone: a name repeating the field's label would make label lookups ambiguous. */}
          <Button
            onClick={() => void copy()}
            icon={
              copied ? (
                <Check className="size-4 text-emerald-600" aria-hidden="true" />
              ) : (
                <Copy className="size-4" aria-hidden="true" />
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      )}
    </Field>
  );
}

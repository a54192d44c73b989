import type { PromptTemplate } from '@agent-fleet/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../../components/ui/Button';
import { Dialog } from '../../../../components/ui/Dialog';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Notice } from '../../../../components/ui/Notice';
import { Textarea } from '../../../../components/ui/Textarea';
import { useToast } from '../../../../components/ui/useToast';
import { placeErrors } from '../../../../lib/form-errors';
import { checkCategory, checkTags, parseTags } from '../../draft/prompt-meta';
import { useUpdatePrompt } from '../../mutations';

export interface PromptDetailsDialogProps {
  prompt: PromptTemplate;
  open: boolean;
  onClose: () => void;
}

type DetailsField = 'category' | 'tags' | 'description';
const FIELDS: readonly DetailsField[] = ['category', 'tags', 'description'];

/** Category, tags and description: filing changes that create no new version. */
export function PromptDetailsDialog({ prompt, open, onClose }: PromptDetailsDialogProps) {
  const update = useUpdatePrompt();
  const toast = useToast();
  const [values, setValues] = useState({
    category: prompt.category,
    tags: prompt.tags.join(', '),
    description: prompt.description,
  });
  const [errors, setErrors] = useState<Partial<Record<DetailsField, string>>>({});
  const [banner, setBanner] = useState<string | null>(null);

  const close = () => {
    setValues({ category: prompt.category, tags: prompt.tags.join(', '), description: prompt.description });
    setErrors({});
    setBanner(null);
    onClose();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = { category: checkCategory(values.category), tags: checkTags(values.tags) };
    if (local.category || local.tags) {
      setErrors(local);
      return;
    }
    try {
      await update.mutateAsync({
        name: prompt.name,
        patch: { category: values.category.trim(), tags: parseTags(values.tags), description: values.description.trim() },
      });
      toast.success('Details saved');
      close();
    } catch (error) {
      const sorted = placeErrors(error, FIELDS);
      setErrors(sorted.byField);
      setBanner(sorted.banner);
    }
  };

  const set = (field: DetailsField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Edit details"
      description="Filing only: the template's versions do not change."
      dismissible={!update.isPending}
      footer={
        <>
          <Button onClick={close} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="prompt-details-form" variant="primary" loading={update.isPending}>
            Save details
          </Button>
        </>
      }
    >
      <form id="prompt-details-form" noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
        {banner && (
          <Notice tone="danger" title="Could not save the details">
            {banner}
          </Notice>
        )}
        <Field
          id="prompt-details-category"
          label="Category"
          optional
          error={errors.category}
          hint="A folder path, e.g. support/triage"
        >
          {(control) => (
            <Input
              {...control}
              value={values.category}
              onChange={(event) => set('category', event.target.value)}
              className="font-mono"
            />
          )}
        </Field>
        <Field id="prompt-details-tags" label="Tags" optional error={errors.tags} hint="Comma-separated, lowercase">
          {(control) => <Input {...control} value={values.tags} onChange={(event) => set('tags', event.target.value)} />}
        </Field>
        <Field id="prompt-details-description" label="Description" optional error={errors.description}>
          {(control) => (
            <Textarea
              {...control}
              rows={3}
              value={values.description}
              onChange={(event) => set('description', event.target.value)}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}

import { RoleCreateSchema, type Permission, type Role } from '@agent-fleet/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { FormAlert } from '../../../components/ui/FormAlert';
import { Input } from '../../../components/ui/Input';
import { Textarea } from '../../../components/ui/Textarea';
import { useToast } from '../../../components/ui/useToast';
import { isApiError } from '../../../lib/api-error';
import { pluralize } from '../../../lib/format';
import { placeErrors, zodFieldMessages, type FieldMessages } from '../../../lib/form-errors';
import { useFocusFirstError } from '../../../lib/useFocusFirstError';
import { useAuth } from '../../auth/useAuth';
import { useCreateRole, useUpdateRole } from '../api';
import { PermissionPicker } from './PermissionPicker';

type RoleField = 'name' | 'description' | 'permissions';
const FIELDS: readonly RoleField[] = ['name', 'description', 'permissions'];

export interface RoleDialogProps {
  /** The custom role to edit; absent to create one. */
  role?: Role;
  onClose: () => void;
  onSaved: (role: Role) => void;
}

/** Creates or edits a custom role: a name, a description and a subset of your permissions. */
export function RoleDialog({ role, onClose, onSaved }: RoleDialogProps) {
  const { membership } = useAuth();
  const toast = useToast();
  const formId = useId();
  const create = useCreateRole();
  const update = useUpdateRole();
  const pending = create.isPending || update.isPending;
  const [name, setName] = useState('');
  const [description, setDescription] = useState(role?.description ?? '');
  const [permissions, setPermissions] = useState<Permission[]>(role?.permissions ?? []);
  const [errors, setErrors] = useState<FieldMessages<RoleField>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const { ref, focusFirstError } = useFocusFirstError();
  const firstFieldRef = useRef<HTMLElement>(null);

  const fail = (error: unknown) => {
    const found = placeErrors(error, FIELDS);
    if (isApiError(error) && error.code === 'name_taken') found.byField.name = 'A role with this name exists already';
    setErrors(found.byField);
    setBanner(Object.keys(found.byField).length > 0 ? found.banner : (found.banner ?? 'Something went wrong.'));
    focusFirstError();
  };

  const succeed = (saved: Role, verb: string) => {
    toast.success(`Role ${verb}`, `“${saved.name}” holds ${pluralize(saved.permissions.length, 'permission')}.`);
    onSaved(saved);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBanner(null);
    if (role?.id) {
      update.mutate(
        { id: role.id, patch: { description: description.trim(), permissions } },
        { onSuccess: (saved) => succeed(saved, 'saved'), onError: fail },
      );
      return;
    }
    const parsed = RoleCreateSchema.safeParse({ name, description, permissions });
    if (!parsed.success) {
      setErrors(zodFieldMessages(parsed.error));
      focusFirstError();
      return;
    }
    create.mutate(parsed.data, { onSuccess: (saved) => succeed(saved, 'created'), onError: fail });
  };

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      dismissible={!pending}
      initialFocusRef={firstFieldRef}
      title={role ? `Edit role “${role.name}”` : 'New role'}
      description="A custom role holds any subset of the permissions you hold yourself."
      footer={
        <>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" loading={pending}>
            {role ? 'Save role' : 'Create role'}
          </Button>
        </>
      }
    >
      <form ref={ref} id={formId} noValidate onSubmit={submit} className="flex flex-col gap-5">
        {banner && <FormAlert title="Could not save the role">{banner}</FormAlert>}
        {!role && (
          <Field
            id={`${formId}-name`}
            label="Role name"
            error={errors.name}
            hint="Lowercase letters, digits and dashes, e.g. release-manager."
          >
            {(control) => (
              <Input
                {...control}
                ref={(element) => {
                  firstFieldRef.current = element;
                }}
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                  setErrors((current) => ({ ...current, name: undefined }));
                }}
                disabled={pending}
                maxLength={40}
                autoComplete="off"
                spellCheck={false}
                placeholder="release-manager"
              />
            )}
          </Field>
        )}
        <Field id={`${formId}-description`} label="Description" optional error={errors.description}>
          {(control) => (
            <Textarea
              {...control}
              ref={(element) => {
                if (role) firstFieldRef.current = element;
              }}
              rows={2}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              disabled={pending}
              maxLength={500}
              placeholder="What people with this role are for."
            />
          )}
        </Field>
        <div className="flex flex-col gap-1.5">
          <p className="text-sm font-medium text-slate-800">Permissions</p>
          {errors.permissions && <p className="text-xs font-medium text-red-600">{errors.permissions}</p>}
          <PermissionPicker
            value={permissions}
            onChange={setPermissions}
            grantable={membership?.permissions ?? []}
            disabled={pending}
          />
        </div>
      </form>
    </Dialog>
  );
}

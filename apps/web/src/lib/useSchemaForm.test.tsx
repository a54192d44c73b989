import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type FormEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './api-error';
import { useSchemaForm } from './useSchemaForm';

const Schema = z.object({ name: z.string().min(1, 'Enter a name'), email: z.email('Enter an email') });
const FIELDS = ['name', 'email'] as const;

/** A small form the way features write one; `respond` plays the server. */
function Form({ respond }: { respond: (data: z.output<typeof Schema>) => Promise<void> }) {
  const form = useSchemaForm(Schema, FIELDS);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const data = form.validate({ name, email });
    if (data) respond(data).then(() => setSent(data.name), form.showError);
  };
  return (
    <form ref={form.ref} onSubmit={submit} noValidate>
      {form.banner && (
        <div data-form-banner tabIndex={-1} role="alert">
          {form.banner}
        </div>
      )}
      <label>
        Name
        <input
          value={name}
          aria-invalid={form.errors.name ? true : undefined}
          onChange={(event) => {
            setName(event.target.value);
            form.clearError('name');
          }}
        />
      </label>
      {form.errors.name && <p>{form.errors.name}</p>}
      <label>
        Email
        <input
          value={email}
          aria-invalid={form.errors.email ? true : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      {form.errors.email && <p>{form.errors.email}</p>}
      <button type="submit">Save</button>
      {sent && <output>Saved {sent}</output>}
    </form>
  );
}

describe('useSchemaForm', () => {
  it('shows what the schema refuses beside each field, focuses the first, and sends nothing', async () => {
    const sent: unknown[] = [];
    render(<Form respond={async (data) => void sent.push(data)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByText('Enter a name')).toBeInTheDocument();
    expect(screen.getByText('Enter an email')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(sent).toEqual([]);

    await userEvent.type(screen.getByLabelText('Name'), 'A');
    expect(screen.queryByText('Enter a name')).not.toBeInTheDocument();
  });

  it("places the server's field errors beside the fields and the rest in the banner", async () => {
    const refusal = new ApiError({
      status: 400,
      code: 'validation_failed',
      title: 'Invalid',
      fieldErrors: [
        { path: 'email', message: 'Already invited', code: 'custom' },
        { path: 'role', message: 'No such role', code: 'custom' },
      ],
    });
    render(<Form respond={() => Promise.reject(refusal)} />);
    await userEvent.type(screen.getByLabelText('Name'), 'Ada');
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Already invited')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('No such role');
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('sends the parsed data when it is valid', async () => {
    render(<Form respond={() => Promise.resolve()} />);
    await userEvent.type(screen.getByLabelText('Name'), 'Ada');
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved Ada')).toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FormDialog } from './FormDialog';

const renderDialog = (props: { pending?: boolean; banner?: string; bannerTitle?: string } = {}) => {
  const onSubmit = vi.fn((event: React.FormEvent) => event.preventDefault());
  const onClose = vi.fn();
  render(
    <FormDialog
      open
      title="Create role"
      submitLabel="Create role"
      pending={false}
      onSubmit={onSubmit}
      onClose={onClose}
      {...props}
    >
      <label>
        Name <input name="name" />
      </label>
    </FormDialog>,
  );
  return { onSubmit, onClose };
};

describe('FormDialog', () => {
  it('submits its form from the footer button and cancels with the other', async () => {
    const { onSubmit, onClose } = renderDialog();
    const dialog = screen.getByRole('dialog', { name: 'Create role' });
    expect(screen.getByLabelText('Name')).toHaveFocus();

    await userEvent.click(screen.getByRole('button', { name: 'Create role' }));
    expect(onSubmit).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledOnce();
    expect(dialog).toBeInTheDocument();
  });

  it('shows a failure no field shows above the fields', () => {
    renderDialog({ banner: 'Another role has this name', bannerTitle: 'Could not create the role' });
    expect(screen.getByText('Could not create the role')).toBeInTheDocument();
    expect(screen.getByText('Another role has this name')).toBeInTheDocument();
  });

  it('cannot be submitted again or dismissed while pending', async () => {
    const { onSubmit, onClose } = renderDialog({ pending: true });
    expect(screen.getByRole('button', { name: 'Create role' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Close' })).not.toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(onClose).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits a form that is a component of its own by its id', async () => {
    const onSubmit = vi.fn((event: React.FormEvent) => event.preventDefault());
    render(
      <FormDialog open title="Invite" submitLabel="Invite" pending={false} formId="invite-form" onClose={vi.fn()}>
        <form id="invite-form" onSubmit={onSubmit}>
          <input aria-label="Email" />
        </form>
      </FormDialog>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });
});

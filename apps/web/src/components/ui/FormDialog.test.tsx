import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FormDialog, type FormDialogProps } from './FormDialog';

const renderDialog = (props: Partial<FormDialogProps> = {}) => {
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
});

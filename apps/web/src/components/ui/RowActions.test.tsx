import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Pencil, Trash2 } from 'lucide-react';
import { describe, expect, it, vi } from 'vitest';
import { RowActions, type RowActionsProps } from './RowActions';

const renderRow = (actions: RowActionsProps['actions']) =>
  render(
    <table>
      <tbody>
        <tr>
          <td id="row-name">support-bot</td>
          <RowActions describedBy="row-name" actions={actions} />
        </tr>
      </tbody>
    </table>,
  );

describe('RowActions', () => {
  it('offers each allowed action as a button that names the row and runs it', async () => {
    const onEdit = vi.fn();
    renderRow([
      { label: 'Edit', icon: Pencil, onSelect: onEdit },
      false,
      { label: 'Delete', icon: Trash2, onSelect: vi.fn(), danger: true },
    ]);

    const edit = screen.getByRole('button', { name: 'Edit' });
    expect(edit).toHaveAccessibleDescription('support-bot');
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['Edit', 'Delete']);
    await userEvent.click(edit);
    expect(onEdit).toHaveBeenCalledOnce();
  });

  it('names an icon-only action by its label and shows its title as a tooltip', () => {
    renderRow([{ label: 'Remove', title: 'Remove from workspace', icon: Trash2, onSelect: vi.fn(), iconOnly: true }]);
    const remove = screen.getByRole('button', { name: 'Remove' });
    expect(remove).toHaveAttribute('title', 'Remove from workspace');
  });

  it('keeps the cell, empty, when no action is allowed', () => {
    renderRow([false, null]);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getAllByRole('cell')).toHaveLength(2);
  });

  it('waits on a running action', () => {
    renderRow([{ label: 'Test connection', icon: Pencil, onSelect: vi.fn(), loading: true }]);
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeDisabled();
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { toDeclarations, type VariableDraft } from '../../draft/variable-drafts';
import { VariablesPanel } from './VariablesPanel';

/** The panel with its state, showing the declarations the rows stand for, as the editor would send them. */
function Harness() {
  const [variables, setVariables] = useState<VariableDraft[]>([]);
  const result = toDeclarations(variables);
  return (
    <>
      <VariablesPanel
        variables={variables}
        onChange={setVariables}
        errors={result.ok ? {} : result.errors}
        diagnostics={[{ severity: 'warning', code: 'unused_variable', message: 'Declared but never used', variable: 'count' }]}
      />
      <output data-testid="declarations">{JSON.stringify(result.ok ? result.declarations : null)}</output>
    </>
  );
}

const declarations = () => JSON.parse(screen.getByTestId('declarations').textContent ?? 'null') as unknown;
const rows = () => within(screen.getByRole('list', { name: 'Variables' })).getAllByRole('listitem');

describe('VariablesPanel', () => {
  it('turns rows into typed declarations: enum options, typed defaults, required and descriptions', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.getByText(/No variables yet/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    const tone = rows()[0] as HTMLElement;
    await user.type(within(tone).getByLabelText('Variable name'), 'tone');
    await user.selectOptions(within(tone).getByLabelText('Type'), 'enum');
    await user.type(within(tone).getByLabelText('Options'), 'formal, casual,formal');
    await user.selectOptions(within(tone).getByLabelText('Default'), 'casual');
    await user.click(within(tone).getByLabelText('Required'));
    await user.type(within(tone).getByLabelText('Description'), 'How to sound');

    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    const count = rows()[1] as HTMLElement;
    await user.type(within(count).getByLabelText('Variable name'), 'count');
    await user.selectOptions(within(count).getByLabelText('Type'), 'number');
    await user.type(within(count).getByLabelText('Default'), '3');

    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    const items = rows()[2] as HTMLElement;
    await user.type(within(items).getByLabelText('Variable name'), 'items');
    await user.selectOptions(within(items).getByLabelText('Type'), 'list');
    await user.click(within(items).getByLabelText('Default'));
    await user.paste('["a", 2]');

    expect(declarations()).toEqual([
      {
        name: 'tone',
        type: 'enum',
        required: true,
        default: 'casual',
        description: 'How to sound',
        options: ['formal', 'casual'],
      },
      { name: 'count', type: 'number', required: false, default: 3 },
      { name: 'items', type: 'list', required: false, default: ['a', 2] },
    ]);
    expect(within(count).getByText('Declared but never used')).toBeInTheDocument();
  });

  it('flags invalid names, duplicates and defaults that do not fit the type, and removes rows', async () => {
    const user = userEvent.setup();
    render(<Harness />);

    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    await user.click(screen.getByRole('button', { name: 'Add variable' }));
    const [first, second] = rows() as [HTMLElement, HTMLElement];
    await user.type(within(first).getByLabelText('Variable name'), 'x');
    await user.type(within(second).getByLabelText('Variable name'), 'x');
    expect(within(second).getByText('Declared twice')).toBeInTheDocument();
    expect(declarations()).toBeNull();

    await user.clear(within(second).getByLabelText('Variable name'));
    await user.type(within(second).getByLabelText('Variable name'), '9lives');
    expect(within(second).getByLabelText('Variable name')).toHaveAttribute('aria-invalid', 'true');

    await user.selectOptions(within(first).getByLabelText('Type'), 'number');
    await user.type(within(first).getByLabelText('Default'), 'three');
    expect(within(first).getByText('Enter a number')).toBeInTheDocument();

    await user.click(within(second).getByRole('button', { name: 'Remove variable 9lives' }));
    await user.clear(within(first).getByLabelText('Default'));
    expect(declarations()).toEqual([{ name: 'x', type: 'number', required: false }]);
  });
});

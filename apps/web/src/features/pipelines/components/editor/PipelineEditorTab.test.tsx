import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, type RecordedRequest } from '../../../../test/mock-fetch';
import { makePipelineDetail, TWO_STEP_YAML, validation } from '../../test/pipeline-fixtures';
import { renderPipelines, servePipelines } from '../../test/render-pipelines';

afterEach(() => {
  vi.unstubAllGlobals();
});

const DETAIL = makePipelineDetail({ name: 'ticket-triage' });
const isValidate = (request: RecordedRequest) => request.url.pathname === '/api/v1/pipelines/validate';

/** The editable area once the editor has loaded (the placeholder is a group with another name). */
const editor = async () => (await screen.findByRole('textbox', { name: /Definition of ticket-triage/ })) as HTMLTextAreaElement;

/** Lines (1-based) with a diagnostic marker in the editor's gutter. */
const markedLines = (area: HTMLTextAreaElement) =>
  [...(area.closest('[data-code-editor]')?.querySelectorAll('[data-line]') ?? [])]
    .filter((line) => line.querySelector('[data-marker]'))
    .map((line) => Number(line.getAttribute('data-line')) + 1);

const setText = (area: HTMLTextAreaElement, text: string) => fireEvent.change(area, { target: { value: text } });

describe('PipelineEditorTab', () => {
  it('marks the line and column the validation names, and lists the problem', async () => {
    servePipelines((request) => {
      if (isValidate(request)) {
        return json(
          validation({
            valid: false,
            issues: [{ path: 'steps.fetch.url', message: 'Unknown host alias', code: 'invalid', line: 4, column: 5 }],
          }),
        );
      }
      return json(DETAIL);
    });
    renderPipelines('/pipelines/ticket-triage');

    const view = await editor();
    await waitFor(() => expect(markedLines(view)).toEqual([4]));
    const problems = screen.getByRole('region', { name: 'Problems' });
    expect(within(problems).getByText('Unknown host alias')).toBeInTheDocument();
    expect(within(problems).getByText('4:5')).toBeInTheDocument();
    expect(within(problems).getByText('1 problem')).toBeInTheDocument();
  });

  it('draws the graph from the validation of the draft, coloured by step type', async () => {
    const { requests } = servePipelines((request) => {
      if (isValidate(request)) {
        const draft = (request.body as { source: string }).source;
        const nodes = [
          { id: 'fetch', type: 'http', needs: [] },
          { id: 'classify', type: 'transform', needs: ['fetch'] },
        ];
        if (draft.includes('approve:')) nodes.push({ id: 'approve', type: 'approval', needs: ['classify'] });
        if (draft.endsWith('[')) return json(validation({ valid: false, graph: null }));
        return json(validation({ graph: { nodes } }));
      }
      return json(DETAIL);
    });
    renderPipelines('/pipelines/ticket-triage');

    const graph = await screen.findByRole('region', { name: 'Step graph' });
    await waitFor(() => expect(graph.querySelector('[data-step-type="transform"]')).toHaveTextContent('classify'));
    expect(within(graph).queryByText('approve')).not.toBeInTheDocument();

    const view = await editor();
    setText(view, `${TWO_STEP_YAML}  approve:\n    type: approval\n    needs: [classify]\n    assignees: { roles: [owner] }\n`);
    await waitFor(() => expect(graph.querySelector('[data-step-type="approval"]')).toHaveTextContent('approve'));
    expect(graph.querySelector('[data-step-type="approval"]')?.className).toContain('bg-amber-50');
    expect(requests.filter(isValidate).at(-1)?.body).toEqual({ format: 'yaml', source: view.value });

    // Text that does not parse has no graph: the last one stays, marked as such.
    setText(view, `${view.value}oops: [`);
    expect(await screen.findByText(/the graph shows its last readable state/)).toBeInTheDocument();
    expect(graph.querySelector('[data-step-type="approval"]')).toHaveTextContent('approve');
  });

  it('is read-only for a viewer: no saving, no validation, the graph from the saved definition', async () => {
    const { requests } = servePipelines(() => json(DETAIL), 'viewer');
    renderPipelines('/pipelines/ticket-triage');

    expect(await editor()).toHaveAttribute('readonly');
    expect(screen.getByText(/Your role can view this pipeline/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Save version/ })).not.toBeInTheDocument();
    const graph = await screen.findByRole('region', { name: 'Step graph' });
    await waitFor(() => expect(graph.querySelector('[data-step-type="http"]')).toHaveTextContent('fetch'));
    expect(requests.some(isValidate)).toBe(false);
  });

  it('saves the draft as the next version with the commit message', async () => {
    const { requests } = servePipelines((request) => {
      if (isValidate(request)) return json(validation());
      if (request.method === 'POST' && request.url.pathname === '/api/v1/pipelines/ticket-triage/versions') {
        return json(
          makePipelineDetail(
            { name: 'ticket-triage', latestVersion: 2 },
            { source: (request.body as { source: string }).source },
          ),
          {
            status: 201,
          },
        );
      }
      return json(DETAIL);
    });
    const { user } = renderPipelines('/pipelines/ticket-triage');

    const view = await editor();
    const save = screen.getByRole('button', { name: 'Save version 2' });
    expect(save).toBeDisabled();
    const edited = TWO_STEP_YAML.replace('tickets', 'tickets?open=true');
    setText(view, edited);
    expect(screen.getByText('Saving creates version 2.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Commit message'), 'Only open tickets');
    await user.click(save);

    await screen.findByText('Version 2 saved');
    const saved = requests.find((request) => request.url.pathname === '/api/v1/pipelines/ticket-triage/versions');
    expect(saved?.method).toBe('POST');
    expect(saved?.body).toEqual({ format: 'yaml', source: edited, commitMessage: 'Only open tickets' });
  });

  it('asks before a tab switch throws away unsaved edits', async () => {
    servePipelines((request) => json(isValidate(request) ? validation() : DETAIL));
    const { user, router } = renderPipelines('/pipelines/ticket-triage');

    const view = await editor();
    setText(view, `${TWO_STEP_YAML}# more\n`);
    await user.click(screen.getByRole('link', { name: 'Versions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(router.state.location.pathname).toBe('/pipelines/ticket-triage');
    expect(view.value).toContain('# more');
  });

  it('does not offer saving a draft the validation refused', async () => {
    servePipelines((request) => {
      if (!isValidate(request)) return json(DETAIL);
      const broken = (request.body as { source: string }).source.includes('nope');
      return json(
        validation(
          broken
            ? { valid: false, issues: [{ path: 'steps.nope', message: 'Unknown step type', code: 'unknown_step_type', line: 9 }] }
            : {},
        ),
      );
    });
    renderPipelines('/pipelines/ticket-triage');

    const view = await editor();
    setText(view, `${TWO_STEP_YAML}  nope:\n    type: nope\n`);
    expect(await screen.findByText('Fix the problems above to save.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save version 2' })).toBeDisabled();
    setText(view, `${TWO_STEP_YAML}# fine\n`);
    expect(await screen.findByText('Saving creates version 2.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save version 2' })).toBeEnabled();
  });
});

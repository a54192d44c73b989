import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../../test/mock-fetch';
import { makePipeline, makePipelineDetail } from '../../test/pipeline-fixtures';
import { renderPipelines, servePipelines } from '../../test/render-pipelines';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PipelineLabelsTab', () => {
  it('moves a label to another version through the API', async () => {
    const labels = { latest: 3, staging: 3 };
    const { requests } = servePipelines((request) => {
      if (request.method === 'PUT')
        return json(makePipeline({ name: 'triage', latestVersion: 3, labels: { ...labels, staging: 1 } }));
      return json(makePipelineDetail({ name: 'triage', latestVersion: 3, labels }));
    });
    const { user } = renderPipelines('/pipelines/triage/labels');

    const table = await screen.findByRole('table', { name: 'Labels' });
    const staging = within(table).getByRole('row', { name: /staging/ });
    await user.selectOptions(within(staging).getByLabelText('Version for staging'), '1');
    await user.click(within(staging).getByRole('button', { name: 'Move label' }));

    await waitFor(() => expect(requests.some((request) => request.method === 'PUT')).toBe(true));
    const put = requests.find((request) => request.method === 'PUT');
    expect(put?.url.pathname).toBe('/api/v1/pipelines/triage/labels/staging');
    expect(put?.body).toEqual({ version: 1 });
  });

  it('lets a viewer see but not move labels', async () => {
    servePipelines(
      () => json(makePipelineDetail({ name: 'triage', latestVersion: 2, labels: { latest: 2, staging: 1 } })),
      'viewer',
    );
    renderPipelines('/pipelines/triage/labels');

    const table = await screen.findByRole('table', { name: 'Labels' });
    expect(within(table).getByLabelText('Version for staging')).toBeDisabled();
    expect(within(table).getByRole('button', { name: 'Delete label staging' })).toBeDisabled();
    expect(screen.queryByRole('heading', { name: 'Add a label' })).not.toBeInTheDocument();
  });
});

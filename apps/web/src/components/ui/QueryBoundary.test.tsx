import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { QueryBoundary, type QueryBoundaryProps } from './QueryBoundary';

type Query = QueryBoundaryProps<string[]>['query'];
const query = (state: Partial<Query>): Query => ({
  data: undefined,
  error: null,
  isError: false,
  isFetching: false,
  refetch: vi.fn(),
  ...state,
});

const renderBoundary = (state: Partial<Query>) =>
  render(
    <QueryBoundary
      query={query(state)}
      loading={<p>Loading…</p>}
      errorTitle="Could not load the items"
      notFound={<p>No such list</p>}
      empty={<p>Nothing yet</p>}
      isEmpty={(items) => items.length === 0}
    >
      {(items) => (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </QueryBoundary>,
  );

describe('QueryBoundary', () => {
  it('shows the loading state until the first answer', () => {
    renderBoundary({ isFetching: true });
    expect(screen.getByText('Loading…')).toBeInTheDocument();
  });

  it('shows the data, or the empty state when there is none', () => {
    const { unmount } = renderBoundary({ data: ['a', 'b'] });
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a', 'b']);
    unmount();
    renderBoundary({ data: [] });
    expect(screen.getByText('Nothing yet')).toBeInTheDocument();
  });

  it('keeps data on screen when a later refetch fails', () => {
    renderBoundary({ data: ['a'], isError: true, error: new Error('offline') });
    expect(screen.getByRole('listitem')).toHaveTextContent('a');
    expect(screen.queryByText('Could not load the items')).not.toBeInTheDocument();
  });

  it('shows a failure with a retry that refetches', async () => {
    const refetch = vi.fn();
    renderBoundary({ isError: true, error: new ApiError({ status: 500, code: 'internal', title: 'Boom' }), refetch });
    expect(screen.getByText('Could not load the items')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /try again|retry/i }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('shows the not-found state for a 404', () => {
    renderBoundary({ isError: true, error: new ApiError({ status: 404, code: 'not_found', title: 'Not found' }) });
    expect(screen.getByText('No such list')).toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Component, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyWidget } from './LazyWidget';

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

const placeholder = ({ name }: { name: string }, failure?: ReactNode) => (
  <div data-testid="placeholder">
    Waiting for {name}
    {failure}
  </div>
);

/** Resolves or rejects on command, like a chunk download. */
function deferredLoad() {
  const attempts: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const load = vi.fn(
    () =>
      new Promise<typeof Greeting>((resolve, reject) => {
        attempts.push({ resolve: () => resolve(Greeting), reject });
      }),
  );
  return { load, attempts };
}

class PageBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">Page error: {this.state.error.message}</p> : this.props.children;
  }
}

describe('lazyWidget', () => {
  it('shows the placeholder with the props until the code arrives, then the widget', async () => {
    const { load, attempts } = deferredLoad();
    const Widget = lazyWidget(load, { what: 'the greeting', placeholder });
    render(<Widget name="Ada" />);
    expect(screen.getByTestId('placeholder')).toHaveTextContent('Waiting for Ada');
    expect(load).toHaveBeenCalledTimes(1);

    attempts[0]?.resolve();
    expect(await screen.findByText('Hello Ada')).toBeInTheDocument();
    expect(screen.queryByTestId('placeholder')).not.toBeInTheDocument();
  });

  it('downloads once for every instance and for preload', async () => {
    const { load, attempts } = deferredLoad();
    const Widget = lazyWidget(load, { what: 'the greeting', placeholder });
    Widget.preload();
    render(
      <>
        <Widget name="Ada" />
        <Widget name="Grace" />
      </>,
    );
    attempts[0]?.resolve();
    expect(await screen.findByText('Hello Grace')).toBeInTheDocument();
    expect(screen.getByText('Hello Ada')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says in its place that the download failed, keeps the page, and downloads again on retry', async () => {
    const { load, attempts } = deferredLoad();
    const Widget = lazyWidget(load, { what: 'the greeting', placeholder });
    render(
      <PageBoundary>
        <h1>The page</h1>
        <Widget name="Ada" />
      </PageBoundary>,
    );
    attempts[0]?.reject(new TypeError('Failed to fetch dynamically imported module'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the greeting');
    // The placeholder (with its text) stays, and the page around it too.
    expect(screen.getByTestId('placeholder')).toHaveTextContent('Waiting for Ada');
    expect(screen.getByRole('heading', { name: 'The page' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    attempts[1]?.resolve();
    expect(await screen.findByText('Hello Ada')).toBeInTheDocument();
  });

  it('passes an error of the widget itself on to the page instead of calling it a download failure', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    function Broken(): ReactNode {
      throw new Error('a bug in the widget');
    }
    const Widget = lazyWidget(() => Promise.resolve(Broken), { what: 'the broken widget', placeholder: () => <p>Waiting</p> });
    render(
      <PageBoundary>
        <Widget />
      </PageBoundary>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Page error: a bug in the widget');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });
});

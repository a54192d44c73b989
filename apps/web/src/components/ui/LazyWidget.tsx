import { RefreshCw, TriangleAlert } from 'lucide-react';
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Button } from './Button';

/** A widget's code could not be downloaded: the network dropped, or a deploy replaced the chunk. */
export class WidgetLoadError extends Error {
  constructor(what: string, cause: unknown) {
    super(`Could not load ${what}`, { cause });
    this.name = 'WidgetLoadError';
  }
}

export interface LazyWidgetOptions<P> {
  /** Names the widget in the failure message, e.g. "the editor". */
  what: string;
  /**
   * Holds the widget's place at the widget's size while its code downloads, so the page does not move
   * when it arrives. `failure`, when set, is the message (with a retry) to show in that place instead.
   */
  placeholder: (props: P, failure?: ReactNode) => ReactNode;
}

/** A component whose code is its own chunk, with `preload()` to start the download before it renders. */
export type LazyWidget<P> = ((props: P) => ReactNode) & { preload: () => void };

/** The message shown in a widget's place when its code could not be downloaded. */
export function WidgetLoadFailure({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-800">
      <TriangleAlert className="size-4 shrink-0 text-red-600" aria-hidden="true" />
      <span>Could not load {what}. Check the connection and try again.</span>
      <Button size="sm" onClick={onRetry} icon={<RefreshCw className="size-3.5" aria-hidden="true" />}>
        Try again
      </Button>
    </div>
  );
}

interface LoadBoundaryProps {
  /** Called at each render, so a retry renders the new download rather than the failed one. */
  children: () => ReactNode;
  failed: (retry: () => void) => ReactNode;
  onRetry: () => void;
}

/**
 * Catches a widget's failed download only: any other error is rethrown to the page's own boundary,
 * so a bug in the widget is not dressed up as a network problem.
 */
class LoadBoundary extends Component<LoadBoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  retry = () => {
    this.props.onRetry();
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children();
    if (!(error instanceof WidgetLoadError)) throw error;
    return this.props.failed(this.retry);
  }
}

/**
 * A widget (the code editor, a graph) loaded after the page that shows it: the page renders and works
 * without waiting for a large library, the widget's download starts as it first renders (or on
 * `preload()`), a placeholder of its size holds its place, and a failed download shows a retry in
 * that place instead of breaking the page. Every instance shares one download.
 */
export function lazyWidget<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { what, placeholder }: LazyWidgetOptions<P>,
): LazyWidget<P> {
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  let failed = false;
  const start = () =>
    (pending ??= load().then(
      (component) => ({ default: component }),
      (cause: unknown) => {
        // The next attempt downloads again instead of repeating this failure.
        pending = undefined;
        failed = true;
        throw new WidgetLoadError(what, cause);
      },
    ));
  // React.lazy keeps its first outcome for good: a retry after a failure needs a new one.
  let Loaded = lazy(start);
  const retry = () => {
    if (!failed) return;
    failed = false;
    Loaded = lazy(start);
  };

  function Widget(props: P) {
    return (
      <LoadBoundary onRetry={retry} failed={(again) => placeholder(props, <WidgetLoadFailure what={what} onRetry={again} />)}>
        {() => (
          <Suspense fallback={placeholder(props)}>
            <Loaded {...props} />
          </Suspense>
        )}
      </LoadBoundary>
    );
  }
  Widget.preload = () => {
    // A failed preload is not reported here: the widget tries again, and says so, when it renders.
    start().catch(() => undefined);
  };
  return Widget;
}

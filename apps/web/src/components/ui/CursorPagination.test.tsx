import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CursorPagination } from './CursorPagination';

const noop = () => undefined;
const props = {
  pageIndex: 0,
  limit: 20,
  count: 20,
  hasPrevious: false,
  hasNext: true,
  onPrevious: noop,
  onNext: noop,
  onLimitChange: noop,
};

describe('CursorPagination', () => {
  it('shows an exact total as it is', () => {
    render(<CursorPagination {...props} total={45} />);
    expect(screen.getByText('1–20 of 45')).toBeTruthy();
  });

  it('shows a total the server stopped counting at as a lower bound', () => {
    render(<CursorPagination {...props} total={1000} totalIsLowerBound />);
    expect(screen.getByText('1–20 of 1,000+')).toBeTruthy();
  });
});

import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useId } from 'react';
import { formatNumber, formatTotal } from '../../lib/format';
import { PAGE_SIZES } from '../../lib/page-size';
import { Button } from './Button';
import { Select } from './Select';

export interface CursorPaginationProps {
  /** Zero-based; null when the page was opened from a link and earlier pages are unknown. */
  pageIndex: number | null;
  limit: number;
  count: number;
  total: number;
  /** The server stopped counting at `total`: there are at least that many. */
  totalIsLowerBound?: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onLimitChange: (limit: number) => void;
}

/** The footer of a cursor-paginated list: the range shown, rows per page, Previous and Next. */
export function CursorPagination(props: CursorPaginationProps) {
  const pageSizeId = useId();
  const { pageIndex, limit, count, total, totalIsLowerBound, hasPrevious, hasNext, onPrevious, onNext, onLimitChange } = props;
  const first = pageIndex === null ? null : pageIndex * limit + 1;
  const of = formatTotal({ total, totalIsLowerBound });
  const range =
    first === null ? `${formatNumber(count)} of ${of}` : `${formatNumber(first)}–${formatNumber(first + count - 1)} of ${of}`;

  return (
    <nav
      aria-label="Pagination"
      className="flex flex-col gap-3 border-t border-slate-200 px-5 py-3 sm:flex-row sm:items-center sm:justify-between"
    >
      <p className="text-sm text-slate-600" aria-live="polite">
        {range}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor={pageSizeId} className="text-sm whitespace-nowrap text-slate-500">
            Rows per page
          </label>
          <Select id={pageSizeId} value={limit} onChange={(event) => onLimitChange(Number(event.target.value))} className="w-20">
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex items-center gap-1">
          <Button
            size="sm"
            onClick={onPrevious}
            disabled={!hasPrevious}
            icon={<ChevronLeft className="size-4" aria-hidden="true" />}
          >
            Previous
          </Button>
          <Button size="sm" onClick={onNext} disabled={!hasNext}>
            Next
            <ChevronRight className="size-4" aria-hidden="true" />
          </Button>
        </div>
      </div>
    </nav>
  );
}

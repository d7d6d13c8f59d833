import { useRef, useState, type ReactNode } from 'react';

/**
 * A list that renders only the rows in view (fixed row height), so a page of thousands stays
 * light; asks for more when the end is near.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  renderRow,
  onNearEnd,
  label,
  header,
}: {
  items: readonly T[];
  rowHeight: number;
  height: number;
  renderRow: (item: T, index: number) => ReactNode;
  onNearEnd?: () => void;
  label: string;
  header?: ReactNode;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const overscan = 8;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  return (
    <div className="vlist" role="table" aria-label={label} aria-rowcount={items.length + 1}>
      {header}
      <div
        ref={box}
        className="vlist-scroll"
        style={{ height }}
        tabIndex={-1}
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          setScrollTop(top);
          if (onNearEnd && top + height > items.length * rowHeight - rowHeight * 10) onNearEnd();
        }}
      >
        <div role="rowgroup" style={{ height: items.length * rowHeight, position: 'relative' }}>
          {items.slice(first, last).map((item, i) => (
            <div
              key={first + i}
              className="vlist-row"
              role="row"
              aria-rowindex={first + i + 2}
              style={{
                position: 'absolute',
                top: (first + i) * rowHeight,
                height: rowHeight,
                left: 0,
                right: 0,
              }}
            >
              {renderRow(item, first + i)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
